import type { LogFileSystem } from './log-file-system.js';
export interface StreamCheckpoint {
    readonly offset: number;
    readonly streams: Map<string, number>;
}
export declare function loadCheckpoint(fs: LogFileSystem, path: string, salt: number): StreamCheckpoint | undefined;
export declare function saveCheckpoint(fs: LogFileSystem, path: string, salt: number, offset: number, streams: Map<string, number>): Promise<void>;

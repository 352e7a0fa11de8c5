import { type ChildProcess } from 'node:child_process';
export interface ServerProcess {
    readonly child: ChildProcess;
    readonly url: string;
    /** Resolves with the exit code (or the signal name) once the process is gone. */
    readonly exited: Promise<number | string>;
    stderr(): string;
}
export declare function spawnServer(dataDir: string, env?: Record<string, string>): Promise<ServerProcess>;

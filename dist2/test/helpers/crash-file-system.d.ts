import type { LogFile, LogFileSystem } from '../../core/log/log-file-system.js';
import { SeededRandom } from './seeded-random.js';
export type PendingOp = {
    readonly kind: 'write';
    readonly seq: number;
    readonly pos: number;
    readonly data: Buffer;
} | {
    readonly kind: 'truncate';
    readonly seq: number;
    readonly length: number;
};
interface FileNode {
    /** Visible in the directory now. */
    exists: boolean;
    /** The directory entry survives a power loss; `dirSeq` is the last unsynced entry change. */
    entryDurable: boolean;
    dirSeq: number;
    /** What a power loss keeps of the content, if the entry survives. */
    durable: Buffer;
    pending: PendingOp[];
    /** The content as processes see it. */
    data: Buffer;
}
/** A frozen disk: start a new CrashFileSystem from it to "reboot". */
export interface DiskImage {
    readonly files: ReadonlyMap<string, Readonly<FileNode>>;
}
export type WriteFate = 'dropped' | 'torn' | 'zeroed' | 'kept';
export interface CrashFileSystemOptions {
    readonly image?: DiskImage;
    /** Crash when the mutating operation with this number (1-based) starts. */
    readonly crashAt?: number;
}
export declare class SimulatedCrashError extends Error {
    readonly code = "ESIMCRASH";
    constructor();
}
export declare class CrashFileSystem implements LogFileSystem {
    private readonly files;
    /** Crash when the mutating operation with this number starts (settable mid-run to inject an I/O failure). */
    crashAt: number | undefined;
    /** Mutating operations started so far. */
    ops: number;
    /** datasync calls so far. */
    datasyncs: number;
    crashed: boolean;
    /** The largest buffer any read was given: the most a reader allocated. */
    largestReadBuffer: number;
    constructor(options?: CrashFileSystemOptions);
    /** Starts a mutating operation; crashes here when it is the chosen one (writes crash after landing in the cache). */
    step(deferCrash?: boolean): number;
    crashIfDue(): void;
    assertAlive(): void;
    /** Crashes now (between operations). */
    crash(): void;
    /** Sequence numbers of the writes not yet durable, oldest first. */
    pendingWrites(): number[];
    noteRead(bufferLength: number): void;
    /** kill -9: everything written is still there, but what was pending is still pending. */
    processCrashImage(): DiskImage;
    /** Power loss: durable state, plus a random fate for every pending write and directory change. */
    powerLossImage(random: SeededRandom, fates?: (op: PendingOp) => WriteFate): DiskImage;
    openFile(path: string, mode: 'read' | 'write'): LogFile;
    exists(path: string): boolean;
    list(dir: string): string[];
    mkdirp(): void;
    syncDir(dir: string): Promise<void>;
    readFile(path: string): Buffer | undefined;
    writeFileAtomic(path: string, data: Buffer): Promise<void>;
    remove(path: string): void;
    /** Current bytes of a file. */
    contentOf(path: string): Buffer | undefined;
    /** Replaces a file's bytes, durably. */
    setContent(path: string, content: Buffer): void;
}
export {};

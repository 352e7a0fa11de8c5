export interface LockHolder {
    readonly pid: number;
    readonly started: string | null;
}
/** The live process holding `dir`, if any. */
export declare function readLockHolder(dir: string): LockHolder | undefined;
export declare class WriterLock {
    private readonly path;
    private readonly content;
    private constructor();
    static acquire(dir: string): WriterLock;
    /** Moves the stale lock aside, and only deletes it if it is still the one judged stale. */
    private static removeStale;
    release(): void;
}

import type { FileLog } from '../core/log/file-log.js';
export declare class LogFollower {
    private readonly log;
    private readonly signal;
    private watcher;
    private wake;
    constructor(log: FileLog, dataDir: string, signal: AbortSignal);
    get stopped(): boolean;
    /** Resolves with the new end once the log grows past `end`, or with `end` when stopped. */
    waitBeyond(end: number): Promise<number>;
    private closeWatcher;
    close(): void;
}
/** An AbortSignal that fires on Ctrl-C or SIGTERM, so a long-running command can finish its output and exit 0. */
export declare function interruptSignal(): {
    signal: AbortSignal;
    dispose: () => void;
};

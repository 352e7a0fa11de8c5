import { type ChildProcess } from 'node:child_process';
export declare const SLUICE_BIN: string;
export interface CliResult {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly stdout: string;
    readonly stderr: string;
}
export interface CliOptions {
    readonly input?: string | Buffer;
    readonly env?: Record<string, string | undefined>;
    readonly cwd?: string;
}
/** A running CLI process whose output accumulates, with waits on what it has printed. */
export declare class CliProcess {
    readonly child: ChildProcess;
    stdout: string;
    stderr: string;
    readonly exited: Promise<CliResult>;
    private waiters;
    constructor(child: ChildProcess);
    get pid(): number;
    private notify;
    /** Resolves once `check(stdout, stderr)` holds; rejects after `timeoutMs` or if the process exits first. */
    waitFor(check: (stdout: string, stderr: string) => boolean, timeoutMs?: number, what?: string): Promise<void>;
    /** Lines of stdout so far (complete lines only). */
    lines(): string[];
    kill(signal?: NodeJS.Signals): Promise<CliResult>;
}
export declare function spawnCli(args: readonly string[], options?: CliOptions): CliProcess;
export declare function runCli(args: readonly string[], options?: CliOptions): Promise<CliResult>;
export { waitUntil } from './http-fixture.js';
export interface TempDir {
    readonly dir: string;
    readonly data: string;
    remove(): void;
}
export declare function tempDir(prefix?: string): TempDir;
export interface ServerProcess {
    readonly proc: CliProcess;
    readonly url: string;
    /** SIGTERM, then wait for a clean exit. */
    stop(): Promise<CliResult>;
}
/** `sluice serve` on a free port; resolves once it prints its URL. */
export declare function startServerProcess(dataDir: string, extraArgs?: readonly string[], options?: CliOptions): Promise<ServerProcess>;
export declare function parseLines(text: string): Array<Record<string, unknown>>;
/** `sluice cat <args>` parsed; fails the test with cat's stderr when it does not exit 0. */
export declare function catRecords(args: readonly string[], options?: CliOptions): Promise<Array<Record<string, unknown>>>;

import { type ChildProcess } from 'node:child_process';
/** The repository root (this file runs from dist/test/helpers/). */
export declare const REPO_ROOT: string;
export declare const SLUICE_BIN: string;
export interface ProcessResult {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly stdout: string;
    readonly stderr: string;
}
/** The environment children get: no SLUICE_* (or coverage hooks) leaking in from the developer's shell. */
export declare function childEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
/** Runs a command to its end; kills it (and fails) after `timeoutMs`. */
export declare function runProcess(command: string, args: readonly string[], options?: {
    env?: Record<string, string>;
    timeoutMs?: number;
}): Promise<ProcessResult>;
export interface TempDir {
    readonly path: string;
    remove(): void;
}
export declare function tempDir(prefix?: string): TempDir;
export interface ServeProcess {
    readonly child: ChildProcess;
    readonly url: string;
    output(): string;
    /** SIGTERM, then resolves with the exit code once the process is gone. */
    stop(): Promise<number | null>;
}
/** `sluice serve --config <config> --data <dataDir> --port 0`; resolves once it prints the URL it listens on. */
export declare function startServe(config: string, dataDir: string): Promise<ServeProcess>;
/** GET `url` and parse the JSON answer, failing on any status but 200. */
export declare function getJson<T = unknown>(url: string): Promise<T>;

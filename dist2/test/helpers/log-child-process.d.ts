import { type ChildProcess } from 'node:child_process';
/** What the parent checks a recovered record against: the payload as a hash keeps the child's lines short. */
export declare function payloadHash(data: unknown, binary: boolean): string;
export type ChildLine = Record<string, unknown>;
export declare class LogChild {
    readonly process: ChildProcess;
    /** Complete lines so far; a line cut by a kill is never parsed. */
    readonly lines: ChildLine[];
    readonly closed: Promise<{
        code: number | null;
        signal: NodeJS.Signals | null;
    }>;
    stderr: string;
    private partial;
    private readonly listeners;
    constructor(args: readonly string[]);
    get pid(): number;
    /** Resolves with the first line (already seen or to come) that matches; rejects if the child ends first. */
    waitForLine(match: (line: ChildLine) => boolean, timeoutMs?: number): Promise<ChildLine>;
    /** Calls `listener` for every line from now on. */
    onLine(listener: (line: ChildLine) => void): void;
    /** SIGKILL, then wait until it is reaped and its output is drained. */
    kill(): Promise<void>;
}
/** Call inside a describe(): spawns children that are killed after each test, so a failing test leaves none behind. */
export declare function useLogChildren(): (args: readonly string[]) => LogChild;

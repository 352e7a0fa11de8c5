import { type FileLog, type FileLogOptions } from '../../core/log/file-log.js';
import type { LogRecord } from '../../core/log/event-log.js';
export interface LogTestKit {
    /** A fresh temp directory, removed after the test. */
    dir(): string;
    /** Opens a log that is closed after the test if the test did not close it. */
    open(options: FileLogOptions): Promise<FileLog>;
}
/** Call inside a describe(): registers the afterEach that closes logs and removes directories. */
export declare function useLogTestKit(): LogTestKit;
export declare function segmentPath(dir: string, base?: number): string;
/** The error `action` throws or rejects with; fails when it succeeds. */
export declare function caught(action: () => unknown): Promise<Error & {
    code?: string;
    details?: Record<string, unknown>;
}>;
export declare function expectCode(action: () => unknown, code: string): Promise<Error & {
    code?: string;
    details?: Record<string, unknown>;
}>;
export declare function collect<T>(iterable: AsyncIterable<T>): Promise<T[]>;
export declare function readAll(log: FileLog): Promise<LogRecord[]>;
/** Polls `condition` until it holds; fails after `timeoutMs`. */
export declare function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs?: number, what?: string): Promise<void>;
/** A record's content in a form that compares byte-exact (binary as base64, JSON as its text). */
export declare function recordContent(record: LogRecord): string;
export declare const CODES: {
    readonly noRecord: "SLUICE_ERR_LOG_NO_RECORD";
    readonly corrupt: "SLUICE_ERR_LOG_CORRUPT_RECORD";
    readonly locked: "SLUICE_ERR_LOG_LOCKED";
    readonly closed: "SLUICE_ERR_LOG_CLOSED";
    readonly readOnly: "SLUICE_ERR_LOG_READ_ONLY";
    readonly conflict: "SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION";
    readonly invalid: "SLUICE_ERR_EVENT_INVALID";
    readonly offsetInvalid: "SLUICE_ERR_LOG_OFFSET_INVALID";
    readonly tooLarge: "SLUICE_ERR_LOG_RECORD_TOO_LARGE";
    readonly failed: "SLUICE_ERR_LOG_FAILED";
};

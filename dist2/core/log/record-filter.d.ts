import type { LogRecord } from './event-log.js';
export interface RecordFilter {
    /** Only this stream. */
    readonly stream?: string;
    /** Only streams whose name starts with this. */
    readonly category?: string;
    /** Only events of this type. */
    readonly type?: string;
    /** Only events carrying this tag. */
    readonly tag?: string;
}
/** The filter in `value` (absent and empty fields dropped), or LOG_FILTER_INVALID naming what cannot match. */
export declare function checkFilter(value: unknown): RecordFilter;
export declare function isEmptyFilter(filter: RecordFilter): boolean;
export declare function matchesRecord(filter: RecordFilter, record: LogRecord): boolean;
/** A test on stored frames (as visitFrames hands them out), or undefined for the empty filter (everything matches). */
export declare function frameMatcher(filter: RecordFilter): ((frame: Buffer, at: number, length: number) => boolean) | undefined;

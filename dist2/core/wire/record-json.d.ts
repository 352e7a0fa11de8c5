import type { LogRecord, Offset } from '../log/event-log.js';
export interface RecordJson {
    offset: Offset;
    stream: string;
    revision: number;
    type: string;
    ts: number;
    id?: string;
    data: unknown;
    encoding?: 'base64';
    meta?: Record<string, unknown>;
    tags?: readonly string[];
    /** Where the following record starts: continue reading from here. */
    next: Offset;
}
export declare function recordToJson(record: LogRecord): RecordJson;
/** True for the records core hands out, so query results holding them can be rendered like log reads. */
export declare function isLogRecord(value: unknown): value is LogRecord;
/** JSON.stringify replacer that renders any LogRecord inside a value as a RecordJson. */
export declare function recordReplacer(_key: string, value: unknown): unknown;
/**
 * The record as one line of JSON, equal to JSON.stringify(recordToJson(record)) but built directly: the streaming
 * formats encode hundreds of thousands of records a second. Stream names need no escaping (the log only accepts
 * letters, digits and ._:@-).
 */
export declare function recordLine(record: LogRecord): string;
export declare function encodeNdjson(record: LogRecord): string;

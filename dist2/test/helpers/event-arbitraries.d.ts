import fc from 'fast-check';
import type { JsonValue, LogRecord, NewEvent } from '../../core/log/event-log.js';
/** One UTF-16 unit or code point: anything from full Unicode, lone surrogates included. */
export declare const anyUnitArb: fc.Arbitrary<string>;
export declare const streamNameArb: fc.Arbitrary<string>;
/** Well-formed Unicode types of 1-256 UTF-16 units. */
export declare const eventTypeArb: fc.Arbitrary<string>;
/** JSON values with any code point, lone surrogates included (JSON text escapes them). */
export declare const jsonDataArb: fc.Arbitrary<JsonValue>;
export declare const binaryDataArb: fc.Arbitrary<Buffer<ArrayBuffer>>;
export declare const metaArb: fc.Arbitrary<Record<string, JsonValue>>;
export declare const tagsArb: fc.Arbitrary<string[]>;
export declare const eventArb: fc.Arbitrary<NewEvent>;
/** Asserts `record` carries exactly `event` (payload bytes, JSON text, meta, tags, ts). */
export declare function expectRecordMatches(record: LogRecord, stream: string, event: NewEvent): void;

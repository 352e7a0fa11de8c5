import type { NewEvent } from './event-log.js';
export declare const FLAG_BINARY = 1;
export declare const FLAG_META = 2;
export declare const FLAG_TAGS = 4;
/** Set on the last record of an atomic append: records after the last COMMIT are an unfinished batch. */
export declare const FLAG_COMMIT = 8;
/** The event carries a UUID (16 bytes after the length words): appends repeating it are deduplicated. */
export declare const FLAG_ID = 16;
export declare const ID_BYTES = 16;
/** An event id: a UUID in its usual text form (any version), stored as 16 bytes and read back in lower case. */
export declare const EVENT_ID: RegExp;
export declare const BODY_FIXED_BYTES = 20;
export declare const MAX_REVISION = 4294967294;
export declare const MAX_TYPE_LENGTH = 256;
/** Stream names: 1-200 letters, digits and ._:@- (ASCII, so the codec writes them without encoding). */
export declare const STREAM_NAME: RegExp;
export declare function isValidStreamName(stream: unknown): stream is string;
export declare function assertStreamName(stream: unknown): asserts stream is string;
/** An event validated and serialized, waiting for its revision and offset. */
export interface PreparedEvent {
    readonly stream: string;
    /** The event id in lower case, when it has one. */
    readonly id: string | undefined;
    readonly streamBytes: number;
    readonly type: string;
    readonly typeBytes: number;
    readonly ts: number;
    readonly meta: string | undefined;
    readonly metaBytes: number;
    readonly tags: string | undefined;
    readonly tagsBytes: number;
    readonly payload: string | Uint8Array;
    readonly payloadBytes: number;
    readonly bodyBytes: number;
}
export declare function prepareEvent(stream: string, event: NewEvent, now: number): PreparedEvent;
/** Writes `event`'s body at `at` in `buf` (which must have `event.bodyBytes` of room). */
export declare function writeBody(buf: Buffer, at: number, event: PreparedEvent, revision: number, commit: boolean): void;
/** The parts of a body, as positions into the buffer it was read from. Decoding strings is left to the caller. */
export interface BodyLayout {
    flags: number;
    revision: number;
    ts: number;
    /** Where the id's 16 bytes start, or -1 without an id. */
    idStart: number;
    streamStart: number;
    streamEnd: number;
    typeEnd: number;
    metaEnd: number;
    tagsEnd: number;
    payloadEnd: number;
}
/** Parses the body at [start, end); returns undefined when its internal lengths do not fit. */
export declare function readBodyLayout(buf: Buffer, start: number, end: number): BodyLayout | undefined;
/** The UUID text of the 16 id bytes at `at`. */
export declare function idText(buf: Buffer, at: number): string;

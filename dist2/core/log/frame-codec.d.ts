import { type PreparedEvent } from './event-codec.js';
import type { LogRecord } from './event-log.js';
export declare const FRAME_HEADER_BYTES = 16;
export declare const FRAME_OVERHEAD = 20;
export declare const FRAME_SHORT = -1;
export declare const FRAME_MALFORMED = -2;
export declare const FRAME_CHECKSUM = -3;
/** Mixes the salt and the offset into a 32-bit CRC seed. */
export declare function frameSeed(salt: number, offset: number): number;
export declare function frameBytes(bodyBytes: number): number;
/** Writes a whole frame for `event` at `at`; returns its length. */
export declare function writeFrame(buf: Buffer, at: number, offset: number, salt: number, syncedEnd: number, event: PreparedEvent, revision: number, commit: boolean): number;
/**
 * Checks the frame at `at` (which claims log offset `offset`) with `available` bytes in `buf`.
 * Returns the frame's total length, or FRAME_SHORT (needs more bytes than available), FRAME_MALFORMED
 * (lengths do not fit) or FRAME_CHECKSUM. Never allocates.
 */
export declare function checkFrame(buf: Buffer, at: number, available: number, offset: number, salt: number, maxBody: number): number;
export declare function frameBodyLength(buf: Buffer, at: number): number;
export declare function frameSyncedEnd(buf: Buffer, at: number): number;
export declare function frameIsCommit(buf: Buffer, at: number): boolean;
/** Stream name, revision and id (when it has one) of a checked frame, without decoding the payload. */
export declare function frameStreamRevision(buf: Buffer, at: number): {
    stream: string;
    revision: number;
    id?: string;
};
/** The payload bytes of a checked frame: raw bytes for binary events, JSON text for JSON events. */
export declare function framePayload(buf: Buffer, at: number): {
    payload: Buffer;
    binary: boolean;
};
/**
 * Decodes a checked frame into a record. Binary payloads are copied out of `buf`.
 * Throws CorruptRecordError if the body's own lengths do not fit (a checksum-valid frame we did not write).
 */
export declare function decodeFrame(input: Buffer, at: number, offset: number): LogRecord;

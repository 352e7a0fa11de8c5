// A frame wraps one record body on disk:
//   [0] u32 crc32c   [4] u32 body length n   [8] u64 synced end (lo, hi)   [16] body (n bytes)   [16+n] u32 n
// 20 bytes of overhead. The checksum covers bytes [4, 16+n) and is seeded from the log's secret salt and the
// frame's own offset, so bytes copied from elsewhere (or planted inside a payload) never validate at another offset.
// `synced end` is the offset below which the log was durable when this frame was written; recovery uses it to tell
// a torn, never-acknowledged tail from damage in acknowledged data.
import { CorruptRecordError } from '../errors.js';
import { idText, readBodyLayout, writeBody, BODY_FIXED_BYTES, FLAG_BINARY, FLAG_COMMIT, FLAG_ERASED, FLAG_ID, FLAG_META, FLAG_TAGS, ID_BYTES, type PreparedEvent } from './event-codec.js';
import type { LogRecord } from './event-log.js';
import { rangeCrc32c } from './range-crc32c.js';

export const FRAME_HEADER_BYTES = 16;
export const FRAME_OVERHEAD = 20;
const TWO_32 = 0x1_0000_0000;

export const FRAME_SHORT = -1;
export const FRAME_MALFORMED = -2;
export const FRAME_CHECKSUM = -3;

/** Node's Buffer has these fast, unchecked slicers; they are not in its type declarations. */
interface FastBuffer extends Buffer {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

/** Mixes the salt and the offset into a 32-bit CRC seed. */
export function frameSeed(salt: number, offset: number): number {
  let h = Math.imul(salt ^ (offset >>> 0), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h ^ Math.floor(offset / TWO_32), 0x85ebca77);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae3d);
  return (h ^ (h >>> 16)) >>> 0;
}

export function frameBytes(bodyBytes: number): number {
  return bodyBytes + FRAME_OVERHEAD;
}

/** Writes a whole frame for `event` at `at`; returns its length. */
export function writeFrame(
  buf: Buffer, at: number, offset: number, salt: number, syncedEnd: number,
  event: PreparedEvent, revision: number, commit: boolean,
): number {
  const n = event.bodyBytes;
  buf.writeUInt32LE(n, at + 4);
  buf.writeUInt32LE(syncedEnd >>> 0, at + 8);
  buf.writeUInt32LE(Math.floor(syncedEnd / TWO_32), at + 12);
  writeBody(buf, at + FRAME_HEADER_BYTES, event, revision, commit);
  buf.writeUInt32LE(n, at + FRAME_HEADER_BYTES + n);
  buf.writeUInt32LE(rangeCrc32c(buf, at + 4, at + FRAME_HEADER_BYTES + n, frameSeed(salt, offset)), at);
  return n + FRAME_OVERHEAD;
}

/**
 * Stamps a frame already encoded at `at` (append-encoder.ts) with what only the writer knows: its revision, whether
 * it ends its append (COMMIT), the synced end, and the checksum for its offset. Returns the frame's length.
 */
export function stampFrame(
  buf: Buffer, at: number, offset: number, salt: number, syncedEnd: number, revision: number, commit: boolean,
): number {
  const n = buf.readUInt32LE(at + 4);
  const body = at + FRAME_HEADER_BYTES;
  buf.writeUInt32LE(syncedEnd >>> 0, at + 8);
  buf.writeUInt32LE(Math.floor(syncedEnd / TWO_32), at + 12);
  buf[body] = commit ? buf[body]! | FLAG_COMMIT : buf[body]! & ~FLAG_COMMIT;
  buf.writeUInt32LE(revision, body + 8);
  buf.writeUInt32LE(rangeCrc32c(buf, at + 4, body + n, frameSeed(salt, offset)), at);
  return n + FRAME_OVERHEAD;
}

/**
 * Checks the frame at `at` (which claims log offset `offset`) with `available` bytes in `buf`.
 * Returns the frame's total length, or FRAME_SHORT (needs more bytes than available), FRAME_MALFORMED
 * (lengths do not fit) or FRAME_CHECKSUM. Never allocates.
 */
export function checkFrame(buf: Buffer, at: number, available: number, offset: number, salt: number, maxBody: number): number {
  if (available < FRAME_OVERHEAD) return FRAME_SHORT;
  const n = buf.readUInt32LE(at + 4);
  if (n < 20 || n > maxBody) return FRAME_MALFORMED;
  if (available < n + FRAME_OVERHEAD) return FRAME_SHORT;
  if (buf.readUInt32LE(at + FRAME_HEADER_BYTES + n) !== n) return FRAME_MALFORMED;
  const expected = rangeCrc32c(buf, at + 4, at + FRAME_HEADER_BYTES + n, frameSeed(salt, offset));
  if (expected !== buf.readUInt32LE(at)) return FRAME_CHECKSUM;
  return n + FRAME_OVERHEAD;
}

export function frameBodyLength(buf: Buffer, at: number): number {
  return buf.readUInt32LE(at + 4);
}

export function frameSyncedEnd(buf: Buffer, at: number): number {
  return buf.readUInt32LE(at + 8) + buf.readUInt32LE(at + 12) * TWO_32;
}

export function frameIsCommit(buf: Buffer, at: number): boolean {
  return (buf[at + FRAME_HEADER_BYTES]! & FLAG_COMMIT) !== 0;
}

/** Stream name, revision and id (when it has one) of a checked frame, without decoding the payload. */
export function frameStreamRevision(buf: Buffer, at: number): { stream: string; revision: number; id?: string } {
  const body = at + FRAME_HEADER_BYTES;
  const layout = readBodyLayout(buf, body, body + buf.readUInt32LE(at + 4));
  if (!layout) return { stream: '', revision: -1 };
  const stream = (buf as FastBuffer).latin1Slice(layout.streamStart, layout.streamEnd);
  return layout.idStart < 0 ? { stream, revision: layout.revision } : { stream, revision: layout.revision, id: idText(buf, layout.idStart) };
}

/** The payload bytes of a checked frame: raw bytes for binary events, JSON text for JSON events. */
export function framePayload(buf: Buffer, at: number): { payload: Buffer; binary: boolean } {
  const body = at + FRAME_HEADER_BYTES;
  const layout = readBodyLayout(buf, body, body + buf.readUInt32LE(at + 4));
  if (!layout) return { payload: Buffer.alloc(0), binary: true };
  return { payload: buf.subarray(layout.tagsEnd, layout.payloadEnd), binary: (layout.flags & FLAG_BINARY) !== 0 };
}

/** A decoded record; a class so every record shares one shape. */
class DecodedRecord implements LogRecord {
  /** Only records that carry an id have the property (records without one compare equal to plain objects). */
  declare readonly id?: string;

  constructor(
    readonly offset: number,
    readonly next: number,
    readonly stream: string,
    readonly revision: number,
    readonly type: string,
    readonly ts: number,
    readonly data: unknown,
    readonly binary: boolean,
    readonly meta: Record<string, unknown> | undefined,
    readonly tags: readonly string[] | undefined,
  ) {}
}

/** An erased record: where it was, whose it was, and nothing of what it said. A class of its own, so live records keep one shape. */
class ErasedRecord implements LogRecord {
  readonly data = null;
  readonly binary = false;
  readonly erased = true;
  constructor(
    readonly offset: number,
    readonly next: number,
    readonly stream: string,
    readonly revision: number,
    readonly type: string,
    readonly ts: number,
  ) {}
}

/**
 * Decodes a checked frame into a record. Binary payloads are copied out of `buf`.
 * Throws CorruptRecordError if the body's own lengths do not fit (a checksum-valid frame we did not write).
 */
export function decodeFrame(input: Buffer, at: number, offset: number): LogRecord {
  const buf = input as FastBuffer;
  const n = buf.readUInt32LE(at + 4);
  const body = at + FRAME_HEADER_BYTES;
  const end = body + n;
  const flags = buf[body]!;
  let p = body + BODY_FIXED_BYTES;
  let metaBytes = 0;
  let tagsBytes = 0;
  if (flags & FLAG_META) { metaBytes = buf.readUInt32LE(p); p += 4; }
  if (flags & FLAG_TAGS) { tagsBytes = buf.readUInt32LE(p); p += 4; }
  const idStart = flags & FLAG_ID ? p : -1;
  if (idStart >= 0) p += ID_BYTES;
  const streamEnd = p + buf.readUInt16LE(body + 2);
  const typeEnd = streamEnd + buf.readUInt16LE(body + 4);
  const metaEnd = typeEnd + metaBytes;
  const tagsEnd = metaEnd + tagsBytes;
  if (tagsEnd > end || n < BODY_FIXED_BYTES) throw new CorruptRecordError(offset, 'record body lengths do not fit');
  if (flags & FLAG_ERASED) {
    return new ErasedRecord(offset, offset + n + FRAME_OVERHEAD, buf.latin1Slice(p, streamEnd), buf.readUInt32LE(body + 8), buf.utf8Slice(streamEnd, typeEnd), buf.readDoubleLE(body + 12));
  }
  const binary = (flags & FLAG_BINARY) !== 0;
  const record = new DecodedRecord(
    offset,
    offset + n + FRAME_OVERHEAD,
    buf.latin1Slice(p, streamEnd),
    buf.readUInt32LE(body + 8),
    buf.utf8Slice(streamEnd, typeEnd),
    buf.readDoubleLE(body + 12),
    binary ? Buffer.from(buf.subarray(tagsEnd, end)) : JSON.parse(buf.utf8Slice(tagsEnd, end)),
    binary,
    flags & FLAG_META ? JSON.parse(buf.utf8Slice(typeEnd, metaEnd)) : undefined,
    flags & FLAG_TAGS ? JSON.parse(buf.utf8Slice(metaEnd, tagsEnd)) : undefined,
  );
  if (idStart >= 0) (record as { id?: string }).id = idText(buf, idStart);
  return record;
}

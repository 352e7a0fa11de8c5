// Encodes an event into a record body and back. Validation happens here, in the caller's context,
// so a bad event is rejected before anything reaches the writer.
//
// Body layout (little-endian):
//   [0]  u8  flags (BINARY | META | TAGS | COMMIT)   [1] u8 0
//   [2]  u16 stream byte length                      [4] u16 type byte length   [6] u16 0
//   [8]  u32 revision                                [12] f64 ts (ms)
//   [20] u32 meta byte length (META)  then u32 tags byte length (TAGS)  then the 16 bytes of the event's UUID (ID)
//   stream | type | meta JSON | tags JSON | payload (JSON text, or raw bytes when BINARY)
import { SluiceError } from '../errors.js';
import type { NewEvent } from './event-log.js';

export const FLAG_BINARY = 1;
export const FLAG_META = 2;
export const FLAG_TAGS = 4;
/** Set on the last record of an atomic append: records after the last COMMIT are an unfinished batch. */
export const FLAG_COMMIT = 8;
/** The event carries a UUID (16 bytes after the length words): appends repeating it are deduplicated. */
export const FLAG_ID = 16;
export const ID_BYTES = 16;
/** An event id: a UUID in its usual text form (any version), stored as 16 bytes and read back in lower case. */
export const EVENT_ID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
/** The record was erased in place: stream, type, revision and ts remain; data, meta and tags are zeroed (erased-frame.ts). */
export const FLAG_ERASED = 32;

export const BODY_FIXED_BYTES = 20;
export const MAX_REVISION = 0xfffffffe;
export const MAX_TYPE_LENGTH = 256;
/** Stream names: 1-200 letters, digits and ._:@- (ASCII, so the codec writes them without encoding). */
export const STREAM_NAME = /^[A-Za-z0-9._:@-]{1,200}$/;
/** A lone surrogate: the type is stored as UTF-8, which would silently turn it into U+FFFD. */
const LONE_SURROGATE = /\p{Cs}/u;

export function isValidStreamName(stream: unknown): stream is string {
  return typeof stream === 'string' && STREAM_NAME.test(stream);
}

export function assertStreamName(stream: unknown): asserts stream is string {
  if (!isValidStreamName(stream)) throw new SluiceError('STREAM_NAME_INVALID', { stream: JSON.stringify(stream) });
}

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

function invalid(reason: string): SluiceError {
  return new SluiceError('EVENT_INVALID', { reason });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function stringify(value: unknown, what: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw invalid(`${what} is not serializable as JSON (${(err as Error).message})`);
  }
  if (text === undefined) throw invalid(`${what} is not serializable as JSON`);
  return text;
}

/** An event's fields checked and its JSON parts serialized; byte lengths are left to whoever writes them. */
export interface CheckedEvent {
  readonly type: string;
  readonly id: string | undefined;
  readonly ts: number;
  readonly meta: string | undefined;
  readonly tags: string | undefined;
  readonly payload: string | Uint8Array;
}

/** The last type that passed the check: most appends repeat a few types, so the regex runs once per change. */
let lastCheckedType: unknown = Symbol('none');

export function checkEvent(event: NewEvent, now: number): CheckedEvent {
  if (event === null || typeof event !== 'object') throw invalid('an event must be an object');
  const { type, data, meta, tags, ts, id } = event;
  if (id !== undefined && (typeof id !== 'string' || !EVENT_ID.test(id))) {
    throw new SluiceError('EVENT_ID_INVALID', { id: JSON.stringify(id) });
  }
  if (type !== lastCheckedType) {
    if (typeof type !== 'string' || type.length === 0 || type.length > MAX_TYPE_LENGTH || LONE_SURROGATE.test(type)) {
      throw invalid(`type must be a well-formed Unicode string of 1-${MAX_TYPE_LENGTH} characters`);
    }
    lastCheckedType = type;
  }
  if (ts !== undefined && (typeof ts !== 'number' || !Number.isFinite(ts) || ts < 0)) {
    throw invalid('ts must be a non-negative number of milliseconds');
  }
  let metaText: string | undefined;
  if (meta !== undefined) {
    if (!isPlainObject(meta)) throw invalid('meta must be a JSON object');
    metaText = stringify(meta, 'meta');
  }
  let tagsText: string | undefined;
  if (tags !== undefined) {
    if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string' || tag.length === 0)) {
      throw invalid('tags must be an array of non-empty strings');
    }
    tagsText = stringify(tags, 'tags');
  }
  const payload: string | Uint8Array = data instanceof Uint8Array ? data : stringify(data === undefined ? null : data, 'data');
  return { type, id: id?.toLowerCase(), ts: ts ?? now, meta: metaText, tags: tagsText, payload };
}

export function prepareEvent(stream: string, event: NewEvent, now: number): PreparedEvent {
  const { type, id, ts, meta: metaText, tags: tagsText, payload } = checkEvent(event, now);
  const streamBytes = stream.length; // stream names are ASCII (checked by assertStreamName)
  const typeBytes = Buffer.byteLength(type);
  const metaBytes = metaText === undefined ? 0 : Buffer.byteLength(metaText);
  const tagsBytes = tagsText === undefined ? 0 : Buffer.byteLength(tagsText);
  const payloadBytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.byteLength;
  const bodyBytes =
    BODY_FIXED_BYTES + (metaText === undefined ? 0 : 4) + (tagsText === undefined ? 0 : 4) + (id === undefined ? 0 : ID_BYTES) +
    streamBytes + typeBytes + metaBytes + tagsBytes + payloadBytes;
  return {
    stream, id, streamBytes, type, typeBytes, ts,
    meta: metaText, metaBytes, tags: tagsText, tagsBytes, payload, payloadBytes, bodyBytes,
  };
}

/** Writes `event`'s body at `at` in `buf` (which must have `event.bodyBytes` of room). */
export function writeBody(buf: Buffer, at: number, event: PreparedEvent, revision: number, commit: boolean): void {
  let flags = commit ? FLAG_COMMIT : 0;
  if (typeof event.payload !== 'string') flags |= FLAG_BINARY;
  if (event.meta !== undefined) flags |= FLAG_META;
  if (event.tags !== undefined) flags |= FLAG_TAGS;
  if (event.id !== undefined) flags |= FLAG_ID;
  buf[at] = flags;
  buf[at + 1] = 0;
  buf.writeUInt16LE(event.streamBytes, at + 2);
  buf.writeUInt16LE(event.typeBytes, at + 4);
  buf.writeUInt16LE(0, at + 6);
  buf.writeUInt32LE(revision, at + 8);
  buf.writeDoubleLE(event.ts, at + 12);
  let p = at + BODY_FIXED_BYTES;
  if (event.meta !== undefined) { buf.writeUInt32LE(event.metaBytes, p); p += 4; }
  if (event.tags !== undefined) { buf.writeUInt32LE(event.tagsBytes, p); p += 4; }
  if (event.id !== undefined) p += buf.write(event.id.replace(/-/g, ''), p, 'hex');
  p += (buf as Buffer & { latin1Write(text: string, at: number): number }).latin1Write(event.stream, p);
  p += buf.write(event.type, p, 'utf8');
  if (event.meta !== undefined) p += buf.write(event.meta, p, 'utf8');
  if (event.tags !== undefined) p += buf.write(event.tags, p, 'utf8');
  if (typeof event.payload === 'string') buf.write(event.payload, p, 'utf8');
  else buf.set(event.payload, p);
}

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
export function readBodyLayout(buf: Buffer, start: number, end: number): BodyLayout | undefined {
  if (end - start < BODY_FIXED_BYTES) return undefined;
  const flags = buf[start]!;
  let p = start + BODY_FIXED_BYTES;
  let metaBytes = 0;
  let tagsBytes = 0;
  if (flags & FLAG_META) { if (p + 4 > end) return undefined; metaBytes = buf.readUInt32LE(p); p += 4; }
  if (flags & FLAG_TAGS) { if (p + 4 > end) return undefined; tagsBytes = buf.readUInt32LE(p); p += 4; }
  let idStart = -1;
  if (flags & FLAG_ID) { idStart = p; p += ID_BYTES; }
  const streamEnd = p + buf.readUInt16LE(start + 2);
  const typeEnd = streamEnd + buf.readUInt16LE(start + 4);
  const metaEnd = typeEnd + metaBytes;
  const tagsEnd = metaEnd + tagsBytes;
  if (tagsEnd > end) return undefined;
  return {
    flags, revision: buf.readUInt32LE(start + 8), ts: buf.readDoubleLE(start + 12), idStart,
    streamStart: p, streamEnd, typeEnd, metaEnd, tagsEnd, payloadEnd: end,
  };
}

/** The UUID text of the 16 id bytes at `at`. */
export function idText(buf: Buffer, at: number): string {
  const hex = buf.toString('hex', at, at + ID_BYTES);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

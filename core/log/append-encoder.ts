// Encodes an append's events straight into frames, back to back in one buffer, while the append is validated (in
// the caller's context, as before). Each frame's revision, COMMIT flag, synced end and checksum are not known yet:
// the writer stamps them in place (stampFrame) once the append is accepted, and writes the buffer as it is.
// The bytes are those writeFrame writes (same body layout, event-codec.ts): the format on disk does not change.
import { SluiceError } from '../errors.js';
import { assertStreamName, checkEvent, BODY_FIXED_BYTES, FLAG_BINARY, FLAG_ID, FLAG_META, FLAG_TAGS, ID_BYTES } from './event-codec.js';
import type { ExpectedRevision, NewEvent, StreamWrite } from './event-log.js';
import { parseExpectedRevision } from './expected-revision.js';
import { FRAME_HEADER_BYTES, FRAME_OVERHEAD } from './frame-codec.js';

/** One stream's part of an encoded append: its events are consecutive frames in the append's buffer. */
export interface EncodedWrite {
  readonly stream: string;
  readonly count: number;
  /** Each event's id (lower case) or undefined; absent when no event of the write has one. */
  readonly ids: (string | undefined)[] | undefined;
  readonly expectedRevision: ExpectedRevision | undefined;
}

/** Node's unchecked string writers (Buffer.write checks its arguments on every call). */
interface FastBuffer extends Buffer {
  latin1Write(text: string, at: number): number;
  utf8Write(text: string, at: number): number;
}

/** Strings longer than this are measured before they are written, so a huge payload never over-reserves 3x. */
const MEASURE_ABOVE = 64 * 1024;
const INITIAL_BYTES = 1 << 20;

export class AppendEncoder {
  private buf = Buffer.allocUnsafe(INITIAL_BYTES) as FastBuffer;
  private used = 0;

  constructor(private readonly maxBody: number) {}

  /** Makes room for `bytes` more, keeping what is encoded so far. */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + bytes)) as FastBuffer;
    this.buf.copy(grown, 0, 0, this.used);
    this.buf = grown;
  }

  private static worst(text: string | undefined): number {
    if (text === undefined) return 0;
    return text.length > MEASURE_ABOVE ? Buffer.byteLength(text) : text.length * 3;
  }

  /**
   * Validates and encodes a whole append: every write's stream, expected revision and events (an event id may appear
   * once per stream). Throws the first error, leaving nothing behind. `now` stamps events without a `ts`.
   */
  encodeAppend(writes: readonly StreamWrite[], now: number): { writes: EncodedWrite[]; frames: Buffer } {
    let seenIds: Set<string> | undefined;
    this.begin();
    const encoded = writes.map((write): EncodedWrite => {
      assertStreamName(write.stream);
      parseExpectedRevision(write.expectedRevision);
      if (!Array.isArray(write.events) || write.events.length === 0) {
        throw new SluiceError('EVENT_INVALID', { reason: `the write to ${write.stream} has no events` });
      }
      let ids: (string | undefined)[] | undefined;
      for (let e = 0; e < write.events.length; e++) {
        const id = this.add(write.stream, write.events[e]!, now);
        if (id === undefined) continue;
        const key = `${write.stream}\n${id}`;
        seenIds ??= new Set();
        if (seenIds.has(key)) throw new SluiceError('EVENT_INVALID', { reason: `event id ${id} appears twice for stream ${write.stream} in one append` });
        seenIds.add(key);
        ids ??= new Array<string | undefined>(write.events.length).fill(undefined);
        ids[e] = id;
      }
      return { stream: write.stream, count: write.events.length, ids, expectedRevision: write.expectedRevision };
    });
    return { writes: encoded, frames: this.finish() };
  }

  /** Starts an append: the frames encoded from now on are taken together by finish(). */
  begin(): void {
    this.used = 0;
  }

  /** Encodes one event of `stream` (already checked) as a frame without its stamp. Returns its id, if any. */
  add(stream: string, event: NewEvent, now: number): string | undefined {
    const { type, id, ts, meta, tags, payload } = checkEvent(event, now);
    const binary = typeof payload !== 'string';
    const payloadWorst = binary ? payload.byteLength : AppendEncoder.worst(payload);
    const worst = FRAME_OVERHEAD + BODY_FIXED_BYTES + 8 + ID_BYTES + stream.length + type.length * 3
      + AppendEncoder.worst(meta) + AppendEncoder.worst(tags) + payloadWorst;
    // A payload measured (or binary) past the limit is refused before a byte of it is copied.
    if (payloadWorst > this.maxBody && (binary || payload.length > MEASURE_ABOVE)) {
      const size = BODY_FIXED_BYTES + (meta === undefined ? 0 : 4 + Buffer.byteLength(meta)) + (tags === undefined ? 0 : 4 + Buffer.byteLength(tags))
        + (id === undefined ? 0 : ID_BYTES) + stream.length + Buffer.byteLength(type) + payloadWorst;
      throw new SluiceError('LOG_RECORD_TOO_LARGE', { size, limit: this.maxBody });
    }
    this.reserve(worst);
    const buf = this.buf;
    const at = this.used;
    const body = at + FRAME_HEADER_BYTES;
    let flags = binary ? FLAG_BINARY : 0;
    let p = body + BODY_FIXED_BYTES;
    const metaLengthAt = p;
    if (meta !== undefined) { flags |= FLAG_META; p += 4; }
    const tagsLengthAt = p;
    if (tags !== undefined) { flags |= FLAG_TAGS; p += 4; }
    if (id !== undefined) { flags |= FLAG_ID; p += buf.write(id.replace(/-/g, ''), p, 'hex'); }
    p += buf.latin1Write(stream, p); // stream names are ASCII (checked by assertStreamName)
    const typeBytes = buf.utf8Write(type, p);
    p += typeBytes;
    if (meta !== undefined) { const n = buf.utf8Write(meta, p); buf.writeUInt32LE(n, metaLengthAt); p += n; }
    if (tags !== undefined) { const n = buf.utf8Write(tags, p); buf.writeUInt32LE(n, tagsLengthAt); p += n; }
    if (binary) { buf.set(payload, p); p += payload.byteLength; } else p += buf.utf8Write(payload, p);
    const n = p - body;
    if (n > this.maxBody) throw new SluiceError('LOG_RECORD_TOO_LARGE', { size: n, limit: this.maxBody });
    buf.writeUInt32LE(n, at + 4);
    buf[body] = flags;
    buf[body + 1] = 0;
    buf.writeUInt16LE(stream.length, body + 2);
    buf.writeUInt16LE(typeBytes, body + 4);
    buf.writeUInt16LE(0, body + 6);
    buf.writeDoubleLE(ts, body + 12);
    buf.writeUInt32LE(n, p);
    this.used = p + 4;
    return id;
  }

  /** The frames encoded since begin(), in memory of their own (the encoder reuses its buffer). */
  finish(): Buffer {
    const out = Buffer.allocUnsafe(this.used);
    this.buf.copy(out, 0, 0, this.used);
    if (this.buf.length > 4 * INITIAL_BYTES) this.buf = Buffer.allocUnsafe(INITIAL_BYTES) as FastBuffer;
    this.used = 0;
    return out;
  }
}

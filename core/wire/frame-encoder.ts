// Encodes log frames straight into wire bytes (NDJSON, SSE, binary items) without decoding records: the stored JSON
// payload, meta and tags are copied as they are (JSON.stringify wrote them, so they already are the text that
// record-json.ts would make). Invariant: for every record the output equals record-json's encodeNdjson / encodeSse /
// encodeBinaryItems byte for byte (tested). The server's streams and `sluice cat` use it: scans at memory speed.
import { FLAG_BINARY, FLAG_ERASED, FLAG_META, FLAG_TAGS, idText, readBodyLayout } from '../log/event-codec.js';
import { FRAME_HEADER_BYTES } from '../log/frame-codec.js';

const CHUNK_BYTES = 1 << 20;
/** The binary format's payload length for an erased record (which has no payload). */
export const ERASED_LENGTH = 0xffffffff;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

export interface FrameFilter {
  /** Only records of this stream (its UTF-8 bytes). */
  readonly stream?: Buffer;
  /** Only records of this type (its UTF-8 bytes). */
  readonly type?: Buffer;
}

/** Node's unchecked string writers (Buffer.write validates its arguments on every call, which shows here). */
interface FastBuffer extends Buffer {
  latin1Write(text: string, offset: number): number;
}

/** Copies bytes [start, end) of `src` to `dst` at `at`; a loop beats Buffer.copy's call overhead for short fields. */
function copyBytes(src: Buffer, start: number, end: number, dst: Buffer, at: number): number {
  const n = end - start;
  if (n > 64) return src.copy(dst, at, start, end);
  for (let i = 0; i < n; i++) dst[at + i] = src[start + i]!;
  return n;
}

function needsEscape(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i]!;
    if (b < 0x20 || b === QUOTE || b === BACKSLASH) return true;
  }
  return false;
}

function sameBytes(buf: Buffer, start: number, end: number, expected: Buffer): boolean {
  return end - start === expected.length && buf.compare(expected, 0, expected.length, start, end) === 0;
}

export type FrameFormat = 'ndjson' | 'sse' | 'binary';

export class FrameEncoder {
  private buf = Buffer.allocUnsafe(CHUNK_BYTES);
  private pos = 0;

  constructor(private readonly filter: FrameFilter = {}, private readonly format: FrameFormat = 'ndjson') {}

  /** Bytes encoded and not yet taken. */
  get pending(): number {
    return this.pos;
  }

  /** The encoded bytes so far, in memory of their own; the encoder continues into a buffer the caller never sees. */
  take(): Buffer {
    let out: Buffer;
    if (this.pos * 2 < this.buf.length) {
      // A small chunk (a live tail's few records) is copied out: handing over a slice would pin the whole buffer
      // while the chunk waits in a slow reader's queue, where backpressure counts only the slice's length.
      out = Buffer.from(this.buf.subarray(0, this.pos));
      if (this.buf.length > CHUNK_BYTES) this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    } else {
      out = this.buf.subarray(0, this.pos);
      this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
    }
    this.pos = 0;
    return out;
  }

  /** Whether the record passes the filter. */
  matches(frame: Buffer, at: number, length: number): boolean {
    const { stream, type } = this.filter;
    if (stream === undefined && type === undefined) return true;
    const { streamStart, streamEnd, typeEnd } = readBodyLayout(frame, at + FRAME_HEADER_BYTES, at + length - 4)!;
    return (stream === undefined || sameBytes(frame, streamStart, streamEnd, stream))
      && (type === undefined || sameBytes(frame, streamEnd, typeEnd, type));
  }

  /**
   * Appends the record's line; false (nothing written) when the buffer lacks room and holds something: take() it
   * and encode again. A record larger than a whole buffer gets a buffer of its own.
   */
  encode(frame: Buffer, at: number, offset: number, length: number): boolean {
    // A line is at most the body (base64 grows binary payloads by 4/3), an escaped type and the field names.
    const worst = Math.ceil((length * 4) / 3) + 2048;
    if (this.pos + worst > this.buf.length) {
      if (this.pos > 0) return false;
      this.buf = Buffer.allocUnsafe(worst);
    }
    const out = this.buf as FastBuffer;
    const body = at + FRAME_HEADER_BYTES;
    const end = at + length - 4;
    const { flags, idStart, streamStart: p, streamEnd, typeEnd, metaEnd, tagsEnd } = readBodyLayout(frame, body, end)!;

    let w = this.pos;
    const erased = (flags & FLAG_ERASED) !== 0;
    if (this.format === 'binary') {
      // u64 big-endian offset (two u32 halves: offsets are safe integers), u32 big-endian length, payload bytes.
      // An erased record has length 0xFFFFFFFF and no payload bytes.
      out.writeUInt32BE(Math.floor(offset / 0x1_0000_0000), w);
      out.writeUInt32BE(offset >>> 0, w + 4);
      out.writeUInt32BE(erased ? ERASED_LENGTH : end - tagsEnd, w + 8);
      w += 12;
      if (!erased) w += copyBytes(frame, tagsEnd, end, out, w);
      this.pos = w;
      return true;
    }
    if (this.format === 'sse') w += out.latin1Write('id: ' + offset + '\nevent: record\ndata: ', w);
    w += out.latin1Write('{"offset":' + offset + ',"stream":"', w);
    w += copyBytes(frame, p, streamEnd, out, w); // stream names are letters, digits and ._:@- (no escaping)
    w += out.latin1Write('","revision":' + frame.readUInt32LE(body + 8) + ',"type":', w);
    if (needsEscape(frame, streamEnd, typeEnd)) {
      w += out.write(JSON.stringify(frame.toString('utf8', streamEnd, typeEnd)), w, 'utf8');
    } else {
      out[w++] = QUOTE;
      w += copyBytes(frame, streamEnd, typeEnd, out, w);
      out[w++] = QUOTE;
    }
    w += out.latin1Write(',"ts":' + frame.readDoubleLE(body + 12) + (idStart < 0 ? '' : ',"id":"' + idText(frame, idStart) + '"') + ',"data":', w);
    if (erased) {
      w += out.latin1Write('null,"erased":true', w);
    } else if (flags & FLAG_BINARY) {
      w += out.latin1Write('"' + frame.toString('base64', tagsEnd, end) + '","encoding":"base64"', w);
    } else {
      w += copyBytes(frame, tagsEnd, end, out, w);
    }
    if (flags & FLAG_META) {
      w += out.latin1Write(',"meta":', w);
      w += copyBytes(frame, typeEnd, metaEnd, out, w);
    }
    if (flags & FLAG_TAGS) {
      w += out.latin1Write(',"tags":', w);
      w += copyBytes(frame, metaEnd, tagsEnd, out, w);
    }
    w += out.latin1Write(',"next":' + (offset + length) + (this.format === 'sse' ? '}\n\n' : '}\n'), w);
    this.pos = w;
    return true;
  }
}

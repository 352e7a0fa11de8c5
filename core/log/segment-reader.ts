// Reads records from a list of segments up to a visible end: by offset, in forward batches, frame by frame, and
// backwards. Never returns a record that fails its checksum, and never one at an offset where no record starts.
import { CorruptRecordError, SluiceError } from '../errors.js';
import { damageReason, spanFrom, type DamagedSpan } from './damage-span.js';
import type { DamagedRange, LogRecord, Offset, ReadOptions } from './event-log.js';
import { FrameCursor } from './frame-cursor.js';
import { FLAG_ID } from './event-codec.js';
import type { SeenId } from './event-id-index.js';
import { checkFrame, decodeFrame, frameBodyLength, frameStreamRevision, FRAME_HEADER_BYTES, FRAME_OVERHEAD, FRAME_SHORT } from './frame-codec.js';
import type { LogFile } from './log-file-system.js';
import { segmentIndexOf, type Segment } from './log-scanner.js';

const SMALL_READ = 16 * 1024;
/**
 * About this much log per batch of a forward iteration: its decoded records stay alive until the batch is consumed,
 * and a smaller batch leaves the young generation fewer of them to copy (scans of 1 MiB batches spent a tenth in GC).
 */
const BATCH_BYTES = 128 * 1024;

export type LogSegment = Segment & { readonly file: LogFile };

/** Sees a checked frame's bytes in place (valid only during the call); returns false to stop before it. */
export type FrameVisitor = (buf: Buffer, at: number, offset: Offset, length: number) => boolean;

export class SegmentReader {
  readonly segments: LogSegment[] = [];
  /** Damaged records found so far (on open, by refresh or by verify). */
  readonly damaged: DamagedRange[] = [];
  /** Every record below it is complete and committed. */
  end: Offset = 0;
  closed = false;
  private readonly scratch = Buffer.allocUnsafe(SMALL_READ);

  constructor(private readonly salt: number, private readonly maxBody: number) {}

  get start(): Offset {
    return this.segments[0]?.base ?? 0;
  }

  private segmentLimit(index: number): number {
    const segment = this.segments[index]!;
    const next = this.segments[index + 1];
    return Math.min(next ? next.base : Infinity, this.end) - segment.base;
  }

  /** A closed log's files are closed; their descriptors may already belong to other files. */
  assertOpen(): void {
    if (this.closed) throw new SluiceError('LOG_CLOSED');
  }

  private assertOffset(offset: Offset): void {
    if (!Number.isSafeInteger(offset) || offset < 0) throw new SluiceError('LOG_OFFSET_INVALID', { offset });
    // Retention removed the segments below the first offset: say so (410), never "no record" (404).
    if (offset < this.start) throw new SluiceError('LOG_BEFORE_START', { offset, start: this.start });
  }

  /** The last record that ends at `end` (a segment base or the log end), if any: retention reads its timestamp. */
  *readBatchBackwardOne(end: Offset): Generator<LogRecord> {
    const index = segmentIndexOf(this.segments, end - 1);
    const segment = this.segments[index]!;
    const trailer = Buffer.allocUnsafe(4);
    if (end - segment.base < FRAME_OVERHEAD || segment.file.read(trailer, 0, 4, end - segment.base - 4) < 4) return;
    const start = end - trailer.readUInt32LE(0) - FRAME_OVERHEAD;
    if (start < segment.base) return;
    yield this.readSync(start);
  }

  read(offset: Offset): Promise<LogRecord> {
    try {
      return Promise.resolve(this.readSync(offset));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  readSync(offset: Offset): LogRecord {
    this.assertOpen();
    this.assertOffset(offset);
    if (offset >= this.end || offset < this.start) throw new SluiceError('LOG_NO_RECORD', { offset });
    const index = segmentIndexOf(this.segments, offset);
    const segment = this.segments[index]!;
    const pos = offset - segment.base;
    const available = this.segmentLimit(index) - pos;
    let buf = this.scratch;
    let got = segment.file.read(buf, 0, Math.min(buf.length, available), pos);
    let r = checkFrame(buf, 0, got, offset, this.salt, this.maxBody);
    if (r === FRAME_SHORT && got >= 8) {
      const n = frameBodyLength(buf, 0);
      if (n <= this.maxBody && n + FRAME_OVERHEAD <= available) {
        buf = Buffer.allocUnsafe(n + FRAME_OVERHEAD);
        got = segment.file.read(buf, 0, buf.length, pos);
        r = checkFrame(buf, 0, got, offset, this.salt, this.maxBody);
      }
    }
    if (r > 0) return decodeFrame(buf, 0, offset);
    throw this.isRecordBoundary(index, offset, buf, got)
      ? new CorruptRecordError(offset, 'checksum mismatch')
      : new SluiceError('LOG_NO_RECORD', { offset });
  }

  /**
   * The damaged span starting at `offset` when a damaged record starts there (see damage-span.ts); undefined when a
   * valid record (or the end) is there. Throws LOG_NO_RECORD when `offset` is no record boundary at all.
   */
  damagedSpan(offset: Offset): DamagedSpan | undefined {
    if (offset === this.end) return undefined;
    let reason: string | undefined;
    try {
      this.readSync(offset);
      return undefined;
    } catch (err) {
      reason = damageReason(err, offset);
      if (reason === undefined) throw err;
    }
    const index = segmentIndexOf(this.segments, offset);
    return spanFrom(this.segments[index]!, offset, this.segmentLimit(index), this.salt, this.maxBody, reason);
  }

  /** Whether `offset` starts its segment or a valid record ends exactly there (its checksum proves it real). */
  validRecordEndsAt(index: number, offset: number): boolean {
    const segment = this.segments[index]!;
    const pos = offset - segment.base;
    if (pos === 0) return true;
    const trailer = Buffer.allocUnsafe(4);
    if (pos < FRAME_OVERHEAD || segment.file.read(trailer, 0, 4, pos - 4) < 4) return false;
    const previous = trailer.readUInt32LE(0) + FRAME_OVERHEAD;
    if (previous > pos || previous - FRAME_OVERHEAD > this.maxBody) return false;
    const cursor = new FrameCursor(segment.file, segment.base, pos - previous, pos, this.salt, this.maxBody, Math.min(previous, SMALL_READ));
    return cursor.next() === previous;
  }

  /**
   * Whether a frame that failed its check at `offset` is a real (damaged) record rather than a position inside one:
   * known damage, a segment's first record, the end of a valid record before it (its checksum proves it real, and
   * its own length must end here), or its claimed length lands exactly on the end of the log or on a valid record.
   */
  private isRecordBoundary(index: number, offset: number, buf: Buffer, got: number): boolean {
    if (this.damaged.some((range) => range.offset === offset)) return true;
    const segment = this.segments[index]!;
    if (this.validRecordEndsAt(index, offset)) return true;
    if (got < 8) return false;
    const n = frameBodyLength(buf, 0);
    if (n > this.maxBody) return false;
    const next = offset + n + FRAME_OVERHEAD;
    const limit = segment.base + this.segmentLimit(index);
    if (next > limit) return false;
    const trailer = Buffer.allocUnsafe(4);
    segment.file.read(trailer, 0, 4, next - 4 - segment.base);
    if (trailer.readUInt32LE(0) !== n) return false;
    if (next === limit) return true;
    const cursor = new FrameCursor(segment.file, segment.base, next - segment.base, limit - segment.base, this.salt, this.maxBody, SMALL_READ);
    return cursor.next() > 0;
  }

  /** Decoded records from `from`, up to `limit` records or about `maxBytes` of log, within the current end. */
  readBatch(from: Offset, options: { limit?: number; maxBytes?: number; until?: Offset } = {}): { records: LogRecord[]; next: Offset } {
    const limit = options.limit ?? Infinity;
    const records: LogRecord[] = [];
    if (limit <= 0) {
      this.assertOffset(from);
      return { records, next: from };
    }
    const next = this.visitFrames(from, options, (buf, at, offset) => {
      records.push(decodeFrame(buf, at, offset));
      return records.length < limit;
    });
    // visitFrames stops *before* the frame the visitor declined; the limit-th record was taken, so continue after it.
    return { records, next: records.length === limit ? records[records.length - 1]!.next : next };
  }

  /**
   * Visits each checked frame from `from` (a record boundary) up to `until` or about `maxBytes` of log, within the
   * current end, without decoding it: `visit` sees the frame's bytes in place (valid only during the call) and
   * returns false to stop before that frame. For readers that copy records out as they are (`sluice cat`).
   * Returns where to continue; damage ends the run early, and visiting again from there raises the typed error.
   */
  visitFrames(from: Offset, options: { maxBytes?: number; until?: Offset }, visit: FrameVisitor): Offset {
    this.assertOpen();
    this.assertOffset(from);
    const until = Math.min(options.until ?? Infinity, this.end);
    const maxBytes = options.maxBytes ?? 1 << 20;
    if (from >= until) {
      if (from > this.end) throw new SluiceError('LOG_NO_RECORD', { offset: from });
      return from;
    }
    let next = from;
    while (next - from < maxBytes && next < until) {
      const index = segmentIndexOf(this.segments, next);
      const segment = this.segments[index]!;
      const segLimit = Math.min(this.segmentLimit(index), until - segment.base);
      const pos = next - segment.base;
      const chunk = Math.max(SMALL_READ, Math.min(maxBytes - (next - from), segLimit - pos, 1 << 20));
      const cursor = new FrameCursor(segment.file, segment.base, pos, segLimit, this.salt, this.maxBody, chunk);
      for (;;) {
        const r = cursor.next();
        if (r === 0) break;
        // A bad first frame means `from` is no record start (or a damaged one): readSync throws the typed error.
        if (r < 0 && next === from) this.readSync(from);
        if (r < 0 || !visit(cursor.buf, cursor.at, cursor.offset, r)) return next; // stop before this frame
        next = cursor.offset + r;
        if (next - from >= maxBytes) break;
      }
    }
    return next;
  }

  /**
   * The ids of the records in [windowStart, until) (`until` a record boundary), from the frames in place, walking
   * forward from the start of the segment that holds `windowStart`; undefined when damage ends the walk early.
   */
  collectIds(windowStart: Offset, until: Offset): SeenId[] | undefined {
    const ids: SeenId[] = [];
    let next = this.segments[segmentIndexOf(this.segments, Math.max(windowStart, this.start))]!.base;
    const visit: FrameVisitor = (buf, at, offset) => {
      if (offset >= windowStart && (buf[at + FRAME_HEADER_BYTES]! & FLAG_ID) !== 0) ids.push({ ...frameStreamRevision(buf, at), offset } as SeenId);
      return true;
    };
    try {
      while (next < until) {
        const reached = this.visitFrames(next, { until, maxBytes: 16 << 20 }, visit);
        if (reached === next) return undefined;
        next = reached;
      }
    } catch {
      return undefined; // damage: the caller reads backwards from `until` instead
    }
    return ids;
  }

  readForward(from: Offset, options: ReadOptions = {}): AsyncIterable<LogRecord> {
    this.assertOpen();
    this.assertOffset(from);
    if (from > this.end) throw new SluiceError('LOG_NO_RECORD', { offset: from });
    return new ForwardReader(this, from, this.end, options.limit ?? Infinity);
  }

  async *readBackward(options: ReadOptions & { before?: Offset } = {}): AsyncIterable<LogRecord> {
    let remaining = options.limit ?? Infinity;
    let pos = options.before ?? this.end;
    this.assertOffset(pos);
    if (pos > this.end) throw new SluiceError('LOG_NO_RECORD', { offset: pos });
    if (pos !== this.end) this.readSync(pos); // `before` must be a record boundary
    const trailer = Buffer.allocUnsafe(4);
    while (remaining > 0 && pos > this.start) {
      this.assertOpen();
      const index = segmentIndexOf(this.segments, pos - 1);
      const segment = this.segments[index]!;
      if (pos - segment.base < FRAME_OVERHEAD) throw new CorruptRecordError(pos, 'no complete record ends here');
      segment.file.read(trailer, 0, 4, pos - segment.base - 4);
      const start = pos - trailer.readUInt32LE(0) - FRAME_OVERHEAD;
      if (start < segment.base) throw new CorruptRecordError(pos, 'damaged record ends here');
      let record: LogRecord;
      try {
        record = this.readSync(start);
      } catch (err) {
        if (err instanceof SluiceError && err.code === 'SLUICE_ERR_LOG_NO_RECORD') throw new CorruptRecordError(pos, 'damaged record ends here');
        throw err;
      }
      // A damaged trailer can point at another, valid record: never skip the records in between.
      if (record.next !== pos) throw new CorruptRecordError(pos, 'damaged record ends here');
      yield record;
      remaining--;
      pos = start;
    }
  }
}

/**
 * Iterates records in batches without an async generator's per-record machinery (scans run several times faster).
 * Stops at the log end as it was when the read started.
 */
class ForwardReader implements AsyncIterable<LogRecord>, AsyncIterator<LogRecord> {
  private batch: LogRecord[] = [];
  private index = 0;

  constructor(private readonly log: SegmentReader, private position: Offset, private readonly end: Offset, private remaining: number) {}

  [Symbol.asyncIterator](): AsyncIterator<LogRecord> {
    return this;
  }

  next(): Promise<IteratorResult<LogRecord>> {
    try {
      if (this.index === this.batch.length) {
        if (this.remaining <= 0 || this.position >= this.end) return Promise.resolve({ done: true, value: undefined });
        const batch = this.log.readBatch(this.position, { limit: Math.min(this.remaining, 10_000), maxBytes: BATCH_BYTES, until: this.end });
        this.batch = batch.records;
        this.index = 0;
        this.position = batch.next;
        this.remaining -= batch.records.length;
        if (this.batch.length === 0) return Promise.resolve({ done: true, value: undefined });
      }
      return Promise.resolve({ done: false, value: this.batch[this.index++]! });
    } catch (err) {
      return Promise.reject(err);
    }
  }
}

// Reads records from a list of segments up to a visible end: by offset, in forward batches, frame by frame, and
// backwards. Never returns a record that fails its checksum, and never one at an offset where no record starts.
import { CorruptRecordError, SluiceError } from '../errors.js';
import { FrameCursor } from './frame-cursor.js';
import { checkFrame, decodeFrame, frameBodyLength, FRAME_OVERHEAD, FRAME_SHORT } from './frame-codec.js';
import { segmentIndexOf } from './log-scanner.js';
const SMALL_READ = 16 * 1024;
export class SegmentReader {
    salt;
    maxBody;
    segments = [];
    /** Damaged records found so far (on open, by refresh or by verify). */
    damaged = [];
    /** Every record below it is complete and committed. */
    end = 0;
    closed = false;
    scratch = Buffer.allocUnsafe(SMALL_READ);
    constructor(salt, maxBody) {
        this.salt = salt;
        this.maxBody = maxBody;
    }
    get start() {
        return this.segments[0]?.base ?? 0;
    }
    segmentLimit(index) {
        const segment = this.segments[index];
        const next = this.segments[index + 1];
        return Math.min(next ? next.base : Infinity, this.end) - segment.base;
    }
    /** A closed log's files are closed; their descriptors may already belong to other files. */
    assertOpen() {
        if (this.closed)
            throw new SluiceError('LOG_CLOSED');
    }
    assertOffset(offset) {
        if (!Number.isSafeInteger(offset) || offset < 0)
            throw new SluiceError('LOG_OFFSET_INVALID', { offset });
    }
    read(offset) {
        try {
            return Promise.resolve(this.readSync(offset));
        }
        catch (err) {
            return Promise.reject(err);
        }
    }
    readSync(offset) {
        this.assertOpen();
        this.assertOffset(offset);
        if (offset >= this.end || offset < this.start)
            throw new SluiceError('LOG_NO_RECORD', { offset });
        const index = segmentIndexOf(this.segments, offset);
        const segment = this.segments[index];
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
        if (r > 0)
            return decodeFrame(buf, 0, offset);
        throw this.isRecordBoundary(index, offset, buf, got)
            ? new CorruptRecordError(offset, 'checksum mismatch')
            : new SluiceError('LOG_NO_RECORD', { offset });
    }
    /** Whether `offset` starts its segment or a valid record ends exactly there (its checksum proves it real). */
    validRecordEndsAt(index, offset) {
        const segment = this.segments[index];
        const pos = offset - segment.base;
        if (pos === 0)
            return true;
        const trailer = Buffer.allocUnsafe(4);
        if (pos < FRAME_OVERHEAD || segment.file.read(trailer, 0, 4, pos - 4) < 4)
            return false;
        const previous = trailer.readUInt32LE(0) + FRAME_OVERHEAD;
        if (previous > pos || previous - FRAME_OVERHEAD > this.maxBody)
            return false;
        const cursor = new FrameCursor(segment.file, segment.base, pos - previous, pos, this.salt, this.maxBody, Math.min(previous, SMALL_READ));
        return cursor.next() === previous;
    }
    /**
     * Whether a frame that failed its check at `offset` is a real (damaged) record rather than a position inside one:
     * known damage, a segment's first record, the end of a valid record before it (its checksum proves it real, and
     * its own length must end here), or its claimed length lands exactly on the end of the log or on a valid record.
     */
    isRecordBoundary(index, offset, buf, got) {
        if (this.damaged.some((range) => range.offset === offset))
            return true;
        const segment = this.segments[index];
        if (this.validRecordEndsAt(index, offset))
            return true;
        if (got < 8)
            return false;
        const n = frameBodyLength(buf, 0);
        if (n > this.maxBody)
            return false;
        const next = offset + n + FRAME_OVERHEAD;
        const limit = segment.base + this.segmentLimit(index);
        if (next > limit)
            return false;
        const trailer = Buffer.allocUnsafe(4);
        segment.file.read(trailer, 0, 4, next - 4 - segment.base);
        if (trailer.readUInt32LE(0) !== n)
            return false;
        if (next === limit)
            return true;
        const cursor = new FrameCursor(segment.file, segment.base, next - segment.base, limit - segment.base, this.salt, this.maxBody, SMALL_READ);
        return cursor.next() > 0;
    }
    /** Decoded records from `from`, up to `limit` records or about `maxBytes` of log, within the current end. */
    readBatch(from, options = {}) {
        const limit = options.limit ?? Infinity;
        const records = [];
        if (limit <= 0) {
            this.assertOffset(from);
            return { records, next: from };
        }
        const next = this.visitFrames(from, options, (buf, at, offset) => {
            records.push(decodeFrame(buf, at, offset));
            return records.length < limit;
        });
        // visitFrames stops *before* the frame the visitor declined; the limit-th record was taken, so continue after it.
        return { records, next: records.length === limit ? records[records.length - 1].next : next };
    }
    /**
     * Visits each checked frame from `from` (a record boundary) up to `until` or about `maxBytes` of log, within the
     * current end, without decoding it: `visit` sees the frame's bytes in place (valid only during the call) and
     * returns false to stop before that frame. For readers that copy records out as they are (`sluice cat`).
     * Returns where to continue; damage ends the run early, and visiting again from there raises the typed error.
     */
    visitFrames(from, options, visit) {
        this.assertOpen();
        this.assertOffset(from);
        const until = Math.min(options.until ?? Infinity, this.end);
        const maxBytes = options.maxBytes ?? 1 << 20;
        if (from >= until) {
            if (from > this.end)
                throw new SluiceError('LOG_NO_RECORD', { offset: from });
            return from;
        }
        let next = from;
        while (next - from < maxBytes && next < until) {
            const index = segmentIndexOf(this.segments, next);
            const segment = this.segments[index];
            const segLimit = Math.min(this.segmentLimit(index), until - segment.base);
            const pos = next - segment.base;
            const chunk = Math.max(SMALL_READ, Math.min(maxBytes - (next - from), segLimit - pos, 1 << 20));
            const cursor = new FrameCursor(segment.file, segment.base, pos, segLimit, this.salt, this.maxBody, chunk);
            for (;;) {
                const r = cursor.next();
                if (r === 0)
                    break;
                // A bad first frame means `from` is no record start (or a damaged one): readSync throws the typed error.
                if (r < 0 && next === from)
                    this.readSync(from);
                if (r < 0 || !visit(cursor.buf, cursor.at, cursor.offset, r))
                    return next; // stop before this frame
                next = cursor.offset + r;
                if (next - from >= maxBytes)
                    break;
            }
        }
        return next;
    }
    readForward(from, options = {}) {
        this.assertOpen();
        this.assertOffset(from);
        if (from > this.end)
            throw new SluiceError('LOG_NO_RECORD', { offset: from });
        return new ForwardReader(this, from, this.end, options.limit ?? Infinity);
    }
    async *readBackward(options = {}) {
        let remaining = options.limit ?? Infinity;
        let pos = options.before ?? this.end;
        this.assertOffset(pos);
        if (pos > this.end)
            throw new SluiceError('LOG_NO_RECORD', { offset: pos });
        if (pos !== this.end)
            this.readSync(pos); // `before` must be a record boundary
        const trailer = Buffer.allocUnsafe(4);
        while (remaining > 0 && pos > this.start) {
            this.assertOpen();
            const index = segmentIndexOf(this.segments, pos - 1);
            const segment = this.segments[index];
            if (pos - segment.base < FRAME_OVERHEAD)
                throw new CorruptRecordError(pos, 'no complete record ends here');
            segment.file.read(trailer, 0, 4, pos - segment.base - 4);
            const start = pos - trailer.readUInt32LE(0) - FRAME_OVERHEAD;
            if (start < segment.base)
                throw new CorruptRecordError(pos, 'damaged record ends here');
            let record;
            try {
                record = this.readSync(start);
            }
            catch (err) {
                if (err instanceof SluiceError && err.code === 'SLUICE_ERR_LOG_NO_RECORD')
                    throw new CorruptRecordError(pos, 'damaged record ends here');
                throw err;
            }
            // A damaged trailer can point at another, valid record: never skip the records in between.
            if (record.next !== pos)
                throw new CorruptRecordError(pos, 'damaged record ends here');
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
class ForwardReader {
    log;
    position;
    end;
    remaining;
    batch = [];
    index = 0;
    constructor(log, position, end, remaining) {
        this.log = log;
        this.position = position;
        this.end = end;
        this.remaining = remaining;
    }
    [Symbol.asyncIterator]() {
        return this;
    }
    next() {
        try {
            if (this.index === this.batch.length) {
                if (this.remaining <= 0 || this.position >= this.end)
                    return Promise.resolve({ done: true, value: undefined });
                const batch = this.log.readBatch(this.position, { limit: Math.min(this.remaining, 10_000), until: this.end });
                this.batch = batch.records;
                this.index = 0;
                this.position = batch.next;
                this.remaining -= batch.records.length;
                if (this.batch.length === 0)
                    return Promise.resolve({ done: true, value: undefined });
            }
            return Promise.resolve({ done: false, value: this.batch[this.index++] });
        }
        catch (err) {
            return Promise.reject(err);
        }
    }
}
//# sourceMappingURL=segment-reader.js.map
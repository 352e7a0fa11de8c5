// A Readable over the log for NDJSON, binary and SSE responses. It pulls records only when the socket wants more
// (backpressure: a slow reader never makes the server buffer the log), follows appends when live, sends heartbeats
// when idle, and lets go of its append listener as soon as it is destroyed or ended.
import { Readable } from 'node:stream';
import { frameMatcher } from '../core/log/record-filter.js';
import { FrameEncoder } from '../core/wire/frame-encoder.js';
import { waitForAppend } from './wait-for-append.js';
/** Flush to the socket once a chunk reaches this size (also the stream's high-water mark). */
const CHUNK_BYTES = 64 * 1024;
const HEARTBEAT = { ndjson: '\n', sse: ': heartbeat\n\n', binary: null };
/** A filtered stream sends a checkpoint after scanning this much log without a match (and when idle). */
const CHECKPOINT_BYTES = 4 * 1024 * 1024;
/** In the binary item stream a checkpoint is an item of this length, whose offset field is the position. */
export const BINARY_CHECKPOINT_LENGTH = 0xffffffff;
/**
 * Where a filtered reader continues, past records that did not match: NDJSON `{"next":N}`; SSE an event `checkpoint`
 * whose id is the last record scanned (so Last-Event-ID resumes after it) and data `{"next":N}`; binary an item
 * with length 0xFFFFFFFF and the position as its offset.
 */
function checkpointChunk(format, next, lastScanned) {
    if (format === 'ndjson')
        return `{"next":${next}}\n`;
    if (format === 'sse')
        return `id: ${lastScanned}\nevent: checkpoint\ndata: {"next":${next}}\n\n`;
    const item = Buffer.alloc(12);
    item.writeUInt32BE(Math.floor(next / 0x1_0000_0000), 0);
    item.writeUInt32BE(next >>> 0, 4);
    item.writeUInt32BE(BINARY_CHECKPOINT_LENGTH, 8);
    return item;
}
export class LogStream extends Readable {
    #opts;
    #abort = new AbortController();
    #unregister;
    #cursor;
    #sent = 0;
    /** Non-live streams stop at the end as of the request. */
    #until;
    #pumping = false;
    #ended = false;
    #encoder;
    #matcher;
    /** Filtered streams: the position the client was last told about (by a record or a checkpoint). */
    #told;
    /** The offset of the last record scanned. */
    #lastScanned = -1;
    constructor(opts) {
        super({ highWaterMark: CHUNK_BYTES });
        this.#opts = opts;
        this.#cursor = opts.from;
        this.#until = opts.log.end;
        this.#encoder = new FrameEncoder({}, opts.format);
        this.#matcher = opts.filter === undefined ? undefined : frameMatcher(opts.filter);
        this.#told = opts.from;
        this.#unregister = opts.registry.add(this);
    }
    /** Where a reader continues after what was sent so far. */
    get cursor() {
        return this.#cursor;
    }
    /** Ends the response gracefully after the chunk in flight (server shutdown). */
    stop() {
        this.#abort.abort();
        if (!this.#pumping)
            this.#pushEnd();
    }
    _read() {
        if (!this.#pumping)
            void this.#pump();
    }
    _destroy(err, callback) {
        this.#abort.abort();
        this.#release();
        callback(err);
    }
    async #pump() {
        this.#pumping = true;
        try {
            for (;;) {
                const chunk = await this.#nextChunk();
                if (this.destroyed)
                    return;
                if (chunk === null) {
                    this.#pushEnd();
                    return;
                }
                if (!this.push(chunk))
                    return;
            }
        }
        catch (err) {
            this.destroy(err);
        }
        finally {
            this.#pumping = false;
        }
    }
    #pushEnd() {
        if (this.#ended || this.destroyed)
            return;
        this.#ended = true;
        this.#release();
        this.push(null);
    }
    #release() {
        this.#unregister();
    }
    #checkpoint() {
        this.#told = this.#cursor;
        return checkpointChunk(this.#opts.format, this.#cursor, this.#lastScanned);
    }
    /** The next chunk to send: whole records (about CHUNK_BYTES of log), a heartbeat, or null at the end. */
    async #nextChunk() {
        const { log, limit, live, format, heartbeatMs } = this.#opts;
        const signal = this.#abort.signal;
        const matcher = this.#matcher;
        for (;;) {
            const remaining = limit === undefined ? Infinity : limit - this.#sent;
            if (signal.aborted || remaining <= 0)
                return null;
            const until = live ? log.end : this.#until;
            if (this.#cursor < until) {
                let count = 0;
                const encoder = this.#encoder;
                this.#cursor = log.visitFrames(this.#cursor, { maxBytes: CHUNK_BYTES, until }, (buf, at, offset, length) => {
                    if (count >= remaining)
                        return false;
                    if (matcher !== undefined && !matcher(buf, at, length)) {
                        this.#lastScanned = offset;
                        return true;
                    }
                    if (!encoder.encode(buf, at, offset, length))
                        return false;
                    this.#lastScanned = offset;
                    this.#told = offset + length;
                    count++;
                    return true;
                });
                this.#sent += count;
                if (encoder.pending > 0)
                    return encoder.take();
                if (matcher !== undefined && this.#cursor - this.#told >= CHECKPOINT_BYTES)
                    return this.#checkpoint();
                if (this.#cursor < until)
                    continue;
            }
            // At the end: a filtered reader learns how far the scan went before the stream ends or idles.
            if (!live)
                return matcher !== undefined && this.#cursor > this.#told ? this.#checkpoint() : null;
            const heartbeat = HEARTBEAT[format];
            const outcome = await waitForAppend(log, this.#cursor, heartbeatMs, signal);
            if (outcome === 'abort')
                return null;
            if (outcome === 'timeout') {
                if (matcher !== undefined && this.#cursor > this.#told)
                    return this.#checkpoint();
                if (heartbeat !== null)
                    return heartbeat;
            }
        }
    }
}
//# sourceMappingURL=log-stream.js.map
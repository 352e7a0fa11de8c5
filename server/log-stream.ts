// A Readable over the log for NDJSON, binary and SSE responses. It pulls records only when the socket wants more
// (backpressure: a slow reader never makes the server buffer the log), follows appends when live, sends heartbeats
// when idle, and lets go of its append listener as soon as it is destroyed or ended. A damaged record does not end
// it: the stream sends a damage marker (stream-markers.ts) and resumes at the next valid record.
import { Readable } from 'node:stream';
import { spanOrThrow } from '../core/log/damage-span.js';
import type { EventLog, Offset } from '../core/log/event-log.js';
import { frameMatcher, type RecordFilter } from '../core/log/record-filter.js';
import { FrameEncoder } from '../core/wire/frame-encoder.js';
import type { LiveHandle, LiveRegistry } from './live-registry.js';
import { checkpointChunk, damageChunk, gapChunk, type StreamFormat } from './stream-markers.js';
import { waitForAppend } from './wait-for-append.js';

export { BINARY_CHECKPOINT_LENGTH, BINARY_DAMAGE_LENGTH, BINARY_GAP_LENGTH, type StreamFormat } from './stream-markers.js';

export interface LogStreamOptions {
  readonly log: EventLog;
  /** A record boundary (or the log end) to start at. */
  readonly from: Offset;
  /** Most records to send; unlimited when absent. */
  readonly limit?: number;
  /** Keep following appends after reaching the end. */
  readonly live: boolean;
  readonly heartbeatMs: number;
  readonly format: StreamFormat;
  readonly registry: LiveRegistry;
  /** The connection the stream answers on (cut at shutdown if its client stopped reading). */
  readonly socket?: { destroy(): void } | null;
  /** Only matching records are sent; checkpoints carry the position over the rest. */
  readonly filter?: RecordFilter;
  /** While the event loop lags, the stream waits this long before each chunk (writers first). */
  readonly pacer?: { waitMs(waitedMs: number): number; spent(ms: number): void };
}

/** Flush to the socket once a chunk reaches this size (also the stream's high-water mark). */
const CHUNK_BYTES = 64 * 1024;
const HEARTBEAT: Record<StreamFormat, string | null> = { ndjson: '\n', sse: ': heartbeat\n\n', binary: null };
/** A filtered stream sends a checkpoint after scanning this much log without a match (and when idle). */
const CHECKPOINT_BYTES = 4 * 1024 * 1024;

/** What #nextChunk answers when the stream should ask its pacer before reading on (nothing to send yet). */
const ASK_AGAIN = Symbol('ask again');

/** Waits `ms`; false when `signal` aborted first. */
function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', stop);
      resolve(true);
    }, ms);
    function stop(): void {
      clearTimeout(timer);
      resolve(false);
    }
    signal.addEventListener('abort', stop, { once: true });
  });
}

export class LogStream extends Readable implements LiveHandle {
  readonly #opts: LogStreamOptions;
  readonly #abort = new AbortController();
  readonly #unregister: () => void;
  #cursor: Offset;
  #sent = 0;
  /** Non-live streams stop at the end as of the request. */
  readonly #until: Offset;
  #pumping = false;
  #ended = false;
  readonly #encoder: FrameEncoder;
  readonly #matcher: ((frame: Buffer, at: number, length: number) => boolean) | undefined;
  /** Filtered streams: the position the client was last told about (by a record or a checkpoint). */
  #told: Offset;
  /** The offset of the last record scanned. */
  #lastScanned: Offset = -1;

  constructor(opts: LogStreamOptions) {
    super({ highWaterMark: CHUNK_BYTES });
    this.#opts = opts;
    this.#cursor = opts.from;
    this.#until = opts.log.end;
    this.#encoder = new FrameEncoder({}, opts.format);
    this.#matcher = opts.filter === undefined ? undefined : frameMatcher(opts.filter);
    this.#told = opts.from;
    this.#unregister = opts.registry.add(this);
  }

  get socket(): { destroy(): void } | null | undefined {
    return this.#opts.socket;
  }

  /** Where a reader continues after what was sent so far. */
  get cursor(): Offset {
    return this.#cursor;
  }

  /** Ends the response gracefully after the chunk in flight (server shutdown). */
  stop(): void {
    this.#abort.abort();
    if (!this.#pumping) this.#pushEnd();
  }

  override _read(): void {
    if (!this.#pumping) void this.#pump();
  }

  override _destroy(err: Error | null, callback: (error?: Error | null) => void): void {
    this.#abort.abort();
    this.#release();
    callback(err);
  }

  async #pump(): Promise<void> {
    this.#pumping = true;
    try {
      for (;;) {
        // Asked again after every wait: streams told to wait end their waits together, and only the pacer's answer
        // then says which of them may go.
        const asked = performance.now();
        for (let wait = this.#waitMs(0); wait > 0; wait = this.#waitMs(performance.now() - asked)) {
          if (!await pause(wait, this.#abort.signal)) return this.#pushEnd();
        }
        const chunk = await this.#nextChunk();
        if (this.destroyed) return;
        if (chunk === ASK_AGAIN) continue;
        if (chunk === null) {
          this.#pushEnd();
          return;
        }
        if (!this.push(chunk)) return;
      }
    } catch (err) {
      this.destroy(err as Error);
    } finally {
      this.#pumping = false;
    }
  }

  #waitMs(waitedMs: number): number {
    return this.#opts.pacer?.waitMs(waitedMs) ?? 0;
  }

  #pushEnd(): void {
    if (this.#ended || this.destroyed) return;
    this.#ended = true;
    // Registered until its last chunk is read (`end`) or it is destroyed: a response whose client stopped reading
    // stays live, so shutdown can cut it.
    this.once('end', () => this.#release());
    this.push(null);
  }

  #release(): void {
    this.#unregister();
  }

  #checkpoint(): string | Buffer {
    this.#told = this.#cursor;
    return checkpointChunk(this.#opts.format, this.#cursor, this.#lastScanned);
  }

  #gap(to: Offset): string | Buffer {
    const from = this.#cursor;
    this.#cursor = this.#told = to;
    return gapChunk(this.#opts.format, from, to);
  }

  /** The next chunk to send: whole records (about CHUNK_BYTES of log), a heartbeat, or null at the end. */
  async #nextChunk(): Promise<string | Buffer | null | typeof ASK_AGAIN> {
    const { log, limit, live, format, heartbeatMs } = this.#opts;
    const signal = this.#abort.signal;
    const matcher = this.#matcher;
    for (;;) {
      const remaining = limit === undefined ? Infinity : limit - this.#sent;
      if (signal.aborted || remaining <= 0) return null;
      const until = live ? log.end : this.#until;
      if (this.#cursor < log.start) return this.#gap(log.start);
      if (this.#cursor < until) {
        let count = 0;
        const encoder = this.#encoder;
        let reached: Offset;
        const started = performance.now();
        try {
          reached = log.visitFrames(this.#cursor, { maxBytes: CHUNK_BYTES, until }, (buf, at, offset, length) => {
            if (count >= remaining) return false;
            if (matcher !== undefined && !matcher(buf, at, length)) {
              this.#lastScanned = offset;
              return true;
            }
            if (!encoder.encode(buf, at, offset, length)) return false;
            this.#lastScanned = offset;
            this.#told = offset + length;
            count++;
            return true;
          });
        } catch (err) {
          // Only the first frame of a visit throws, so nothing of this visit was encoded: report the damage, move past it.
          const span = spanOrThrow(log, this.#cursor, err);
          this.#cursor = this.#told = span.to;
          this.#lastScanned = span.from;
          return damageChunk(format, span);
        }
        this.#opts.pacer?.spent(performance.now() - started);
        this.#cursor = reached;
        this.#sent += count;
        if (encoder.pending > 0) return encoder.take();
        if (matcher !== undefined && this.#cursor - this.#told >= CHECKPOINT_BYTES) return this.#checkpoint();
        // More to scan (a filtered stream past records that did not match): the pacer decides when.
        if (this.#cursor < until) return ASK_AGAIN;
      }
      // At the end: a filtered reader learns how far the scan went before the stream ends or idles.
      if (!live) return matcher !== undefined && this.#cursor > this.#told ? this.#checkpoint() : null;
      const heartbeat = HEARTBEAT[format];
      const outcome = await waitForAppend(log, this.#cursor, heartbeatMs, signal);
      if (outcome === 'abort') return null;
      if (outcome === 'timeout') {
        if (matcher !== undefined && this.#cursor > this.#told) return this.#checkpoint();
        if (heartbeat !== null) return heartbeat;
      }
      // An append wakes every live stream at once: the pacer, not the wake-up, decides which of them reads now.
      return ASK_AGAIN;
    }
  }
}

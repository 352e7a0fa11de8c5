// A Readable over the log for NDJSON, binary and SSE responses. It pulls records only when the socket wants more
// (backpressure: a slow reader never makes the server buffer the log), follows appends when live, sends heartbeats
// when idle, and lets go of its append listener as soon as it is destroyed or ended.
import { Readable } from 'node:stream';
import type { EventLog, Offset } from '../core/log/event-log.js';
import { FrameEncoder } from '../core/wire/frame-encoder.js';
import type { LiveHandle, LiveRegistry } from './live-registry.js';
import { waitForAppend } from './wait-for-append.js';

export type StreamFormat = 'ndjson' | 'binary' | 'sse';

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
}

/** Flush to the socket once a chunk reaches this size (also the stream's high-water mark). */
const CHUNK_BYTES = 64 * 1024;
const HEARTBEAT: Record<StreamFormat, string | null> = { ndjson: '\n', sse: ': heartbeat\n\n', binary: null };

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

  constructor(opts: LogStreamOptions) {
    super({ highWaterMark: CHUNK_BYTES });
    this.#opts = opts;
    this.#cursor = opts.from;
    this.#until = opts.log.end;
    this.#encoder = new FrameEncoder({}, opts.format);
    this.#unregister = opts.registry.add(this);
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
        const chunk = await this.#nextChunk();
        if (this.destroyed) return;
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

  #pushEnd(): void {
    if (this.#ended || this.destroyed) return;
    this.#ended = true;
    this.#release();
    this.push(null);
  }

  #release(): void {
    this.#unregister();
  }

  /** The next chunk to send: whole records (about CHUNK_BYTES of log), a heartbeat, or null at the end. */
  async #nextChunk(): Promise<string | Buffer | null> {
    const { log, limit, live, format, heartbeatMs } = this.#opts;
    const signal = this.#abort.signal;
    for (;;) {
      const remaining = limit === undefined ? Infinity : limit - this.#sent;
      if (signal.aborted || remaining <= 0) return null;
      const until = live ? log.end : this.#until;
      if (this.#cursor < until) {
        let count = 0;
        const encoder = this.#encoder;
        this.#cursor = log.visitFrames(this.#cursor, { maxBytes: CHUNK_BYTES, until }, (buf, at, offset, length) => {
          if (count >= remaining || !encoder.encode(buf, at, offset, length)) return false;
          count++;
          return true;
        });
        this.#sent += count;
        if (encoder.pending > 0) return encoder.take();
      }
      if (!live) return null;
      const heartbeat = HEARTBEAT[format];
      const outcome = await waitForAppend(log, this.#cursor, heartbeatMs, signal);
      if (outcome === 'abort') return null;
      if (outcome === 'timeout' && heartbeat !== null) return heartbeat;
    }
  }
}

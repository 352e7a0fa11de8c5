// The contract every log backend honours (the file log today, a replicated engine later).
// Offsets are opaque increasing positions: callers continue from a record's `next`, never do arithmetic on them.
import type { DamagedSpan } from './damage-span.js';
import type { SluiceError } from '../errors.js';

export type Offset = number;
export type { DamagedSpan };

/** `no_stream`: the stream must not exist; `exists`: it must; `any`: no check; a number: its last revision. */
export type ExpectedRevision = number | 'no_stream' | 'exists' | 'any';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

export interface NewEvent {
  readonly type: string;
  /**
   * A UUID naming this event. An append whose events all repeat ids already in the stream (within the id window,
   * the last 64 MiB of log by default) is acknowledged with the original offsets and revisions and writes nothing.
   */
  readonly id?: string;
  /** JSON value, or raw bytes (Uint8Array/Buffer) kept byte-exact. */
  readonly data?: unknown;
  readonly meta?: Record<string, unknown>;
  readonly tags?: readonly string[];
  /** Milliseconds since the epoch; the log stamps `Date.now()` when absent (import keeps the original). */
  readonly ts?: number;
}

export interface StreamWrite {
  readonly stream: string;
  readonly events: readonly NewEvent[];
  readonly expectedRevision?: ExpectedRevision;
}

export interface LogRecord {
  readonly offset: Offset;
  /** Where the following record starts (or the log end). */
  readonly next: Offset;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  /** The event's UUID (lower case), when it was appended with one. */
  readonly id?: string;
  readonly ts: number;
  /** Parsed JSON, or a Buffer when `binary` is true. */
  readonly data: unknown;
  readonly binary: boolean;
  readonly meta?: Record<string, unknown>;
  readonly tags?: readonly string[];
  /** True for a record erased in place: its data is null and it has no meta or tags (see erased-frame.ts). */
  readonly erased?: boolean;
}

export interface AppendResult {
  readonly offsets: Offset[];
  /** Per event, its revision in its stream. */
  readonly revisions: number[];
  readonly lastOffset: Offset;
  /** The log end after this append. */
  readonly end: Offset;
  /** True when every event repeated an id already stored: nothing was written, the offsets are the originals'. */
  readonly duplicate?: boolean;
}

export interface ReadOptions {
  /** Maximum records to return; unlimited when absent. */
  readonly limit?: number;
}

export type DurabilityMode = 'fsync' | 'batch' | 'none';

export interface DamagedRange {
  readonly offset: Offset;
  readonly reason: string;
}

export interface VerifyReport {
  readonly records: number;
  readonly streams: number;
  readonly bytes: number;
  readonly damaged: DamagedRange[];
  readonly ms: number;
}

export interface EventLog {
  /** Where the next record will start; every record before it is readable (and durable in `fsync` mode). */
  readonly end: Offset;
  /** The offset of the first record (the start of the log). */
  readonly start: Offset;
  readonly readOnly: boolean;
  /** When an append resolves (`fsync`, `batch`, `none`; see docs/architecture.md). */
  readonly durability: DurabilityMode;

  append(stream: string, events: NewEvent | readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /** Appends writes to many streams atomically: all of them or none. */
  appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult>;
  /** One record; throws SLUICE_ERR_LOG_NO_RECORD when none starts at `offset`. */
  read(offset: Offset): Promise<LogRecord>;
  readSync(offset: Offset): LogRecord;
  /**
   * Decoded records from `from` (a record start or the end), synchronously: up to `limit` records or about
   * `maxBytes` (default 1 MiB) of log, never past `until` or the end. `next` is where to continue. The fast path for scans.
   */
  readBatch(from: Offset, options?: { limit?: number; maxBytes?: number; until?: Offset }): { records: LogRecord[]; next: Offset };
  /**
   * Visits each record's stored frame from `from`, without decoding it, up to `until` or about `maxBytes` of log:
   * `visit` sees the frame's bytes in place (valid only during the call; layout in frame-codec.ts) and returns false to
   * stop before that frame. Returns where to continue. For readers that copy records out as stored (streams, `cat`).
   */
  visitFrames(from: Offset, options: { maxBytes?: number; until?: Offset }, visit: (buf: Buffer, at: number, offset: Offset, length: number) => boolean): Offset;
  /**
   * When a damaged record starts at `offset` (reads there throw SLUICE_ERR_LOG_CORRUPT_RECORD): the damaged bytes
   * `[from, to)`, `to` being where the next valid record starts, so a reader can report the damage and carry on.
   * Undefined when a valid record (or the end) is at `offset`; SLUICE_ERR_LOG_NO_RECORD when no record starts there.
   */
  damagedSpan(offset: Offset): DamagedSpan | undefined;
  /** Records from `from` (inclusive) up to the end as of the call. */
  readForward(from: Offset, options?: ReadOptions): AsyncIterable<LogRecord>;
  /** Records from the end backwards (newest first). `before` bounds the first one returned (exclusive). */
  readBackward(options?: ReadOptions & { before?: Offset }): AsyncIterable<LogRecord>;
  /** The stream's last revision, or undefined when the stream has no events. Known without a scan. */
  streamRevision(stream: string): number | undefined;
  /** Calls `listener(end)` whenever the end advances (after the records are readable). Returns an unsubscribe. */
  onAppend(listener: (end: Offset) => void): () => void;
  /** Read-only logs: look for records another process appended; returns the new end. */
  refresh(): Promise<Offset>;
  /** Scans every record and checks every checksum. */
  verify(): Promise<VerifyReport>;
  /** Forces everything written so far to disk. */
  sync(): Promise<void>;
  /**
   * Why appends are refused now, if they are (the error they meet: a full disk, a failed write), for readiness
   * checks. Undefined while the log writes, and for logs that cannot tell.
   */
  writeFailure?(): SluiceError | undefined;
  close(): Promise<void>;
}

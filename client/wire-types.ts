// The shapes the HTTP API answers with, as the client returns them (JSON: binary payloads arrive as base64 text).
// Type-only: nothing here exists at run time.
import type { ExpectedRevision } from '../core/log/event-log.js';
import type { ViewStatus } from '../core/store-api.js';

export type { ExpectedRevision, ViewStatus };

/** A record as the server renders it in JSON. */
export interface SluiceRecord<D = unknown> {
  /** Where the record starts in the log: its permanent address. */
  readonly offset: number;
  /** Where the following record starts: continue reading from here. */
  readonly next: number;
  readonly stream: string;
  readonly revision: number;
  readonly type: string;
  readonly ts: number;
  /** The payload; for a binary event, its bytes as base64 text (then `encoding` is `"base64"`). */
  readonly data: D;
  readonly encoding?: 'base64';
  readonly meta?: Record<string, unknown>;
  readonly tags?: readonly string[];
  /** Present (true) on a record erased in place: `data` is null, no `meta` or `tags` (docs/operations.md). */
  readonly erased?: true;
}

/** Records in [from, to) that a live reader did not see: retention removed them while it was behind. */
export interface LogGap {
  /** The first offset the reader missed (or, resuming after a removed record, that record's offset). */
  readonly from: number;
  /** The log's first offset when the gap was found: reading continues here. */
  readonly to: number;
}

/** Damaged log bytes [from, to) a live reader was carried past: they fail their checksum (docs/operations.md). */
export interface LogDamage {
  readonly from: number;
  /** Where the next valid record starts: reading continues here. */
  readonly to: number;
  readonly reason: string;
}

/** An event to append. `data` may be any JSON value, or bytes (sent as base64, read back as base64). */
export interface EventInput {
  readonly type: string;
  readonly data?: unknown;
  readonly meta?: Record<string, unknown>;
  readonly tags?: readonly string[];
  /** Milliseconds since the epoch; the server stamps its clock when absent. */
  readonly ts?: number;
  /** A UUID that makes the append idempotent: the server appends an event with a given id once. */
  readonly id?: string;
}

export interface AppendResult {
  readonly stream: string;
  readonly offsets: number[];
  readonly revisions: number[];
  /** The offset of the last event: pass it as `after` to a view query to read your write. */
  readonly lastOffset: number;
}

export interface StreamWriteInput {
  readonly stream: string;
  readonly events: readonly EventInput[];
  readonly expectedRevision?: ExpectedRevision;
}

export interface AppendBatchResult {
  readonly writes: { readonly stream: string; readonly offsets: number[]; readonly revisions: number[] }[];
  readonly lastOffset: number;
}

/** Which records of the log to return; every filter must match. */
export interface LogFilter {
  /** Exactly this stream. */
  readonly stream?: string;
  /** Streams starting with this prefix. */
  readonly category?: string;
  readonly type?: string;
  readonly tag?: string;
}

export interface LogPage {
  readonly records: SluiceRecord[];
  /** Where to continue reading (past records that did not match a filter, too). */
  readonly next: number;
  /** The log end when the page was read. */
  readonly end: number;
}

export interface StreamPage {
  readonly stream: string;
  readonly events: SluiceRecord[];
  /** The revision to ask for next, or null at the end. */
  readonly next: number | null;
}

export interface StreamSummary {
  readonly stream: string;
  readonly revision: number;
  readonly count: number;
  readonly firstOffset: number;
  readonly lastOffset: number;
}

export interface StreamList {
  readonly streams: StreamSummary[];
  readonly cursor: string | null;
}

export interface QueryInfo {
  readonly name: string;
  readonly description?: string;
  readonly params: Record<string, unknown>;
  readonly path: string;
}

/** A view's status (as `GET /views/:view` answers it) with its queries. */
export interface ViewInfo extends ViewStatus {
  readonly description?: string;
  readonly queries: QueryInfo[];
}

export interface Health {
  readonly status: 'ok' | 'starting';
}

export interface Readiness {
  readonly status: 'ready';
  readonly start: number;
  /** The log end: where the next record will start. */
  readonly end: number;
}

export interface SseToken {
  readonly token: string;
  readonly expiresAt: number;
}

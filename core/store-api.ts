// The embedded API that the server, the CLI and applications use: a log plus its views, opened together.
import type { DependencyContainer } from './di.js';
import type { Logger } from './logger.js';
import type { AppendResult, EventLog, ExpectedRevision, NewEvent, Offset, StreamWrite, DurabilityMode } from './log/event-log.js';
import type { ErasureReport } from './log/log-eraser.js';
import type { RetentionPolicy, RetentionReport } from './log/log-retention.js';

export type ViewState = 'ready' | 'rebuilding' | 'failed';

export interface ViewStatus {
  readonly name: string;
  readonly version: number;
  readonly state: ViewState;
  /** Offset of the last record the view applied; null before the first. */
  readonly position: Offset | null;
  /** Bytes of log not yet applied (from the view's next record to the log end). */
  readonly lagBytes: number;
  /** Records not yet applied, when cheap to know; null otherwise. */
  readonly lagRecords: number | null;
  /** Rebuild progress 0..1 (1 when ready). */
  readonly progress: number;
  /** Estimated ms to finish the rebuild, null when not rebuilding. */
  readonly etaMs: number | null;
  readonly error?: { readonly message: string; readonly offset: Offset | null };
  /**
   * Whether queries answer now. True while `rebuilding` when the previous build of the same version keeps serving
   * (a rebuild on request: blue-green); false while rebuilding after a version change or when failed.
   */
  readonly serving?: boolean;
}

/** A JSON schema (draft-07 subset Fastify/Ajv accept) describing a query's parameters object. */
export type JsonSchema = Record<string, unknown>;

export interface QueryDescriptor {
  readonly name: string;
  readonly description?: string;
  readonly params: JsonSchema;
}

export interface ViewDescriptor {
  readonly name: string;
  readonly version: number;
  readonly description?: string;
  readonly queries: readonly QueryDescriptor[];
}

export interface ViewEngine {
  list(): ViewDescriptor[];
  status(): ViewStatus[];
  statusOf(view: string): ViewStatus;
  /** Runs a declared query. Params are validated against the query's schema (SLUICE_ERR_VIEW_QUERY_INVALID). */
  query(view: string, query: string, params: Record<string, unknown>): Promise<unknown>;
  /** Resolves once `view` has applied the record at `offset`; rejects with SLUICE_ERR_VIEW_WAIT_TIMEOUT. */
  waitFor(view: string, offset: Offset, timeoutMs: number): Promise<void>;
  /** Starts rebuilding `view` from the start of the log; resolves when it has started. */
  rebuild(view: string): Promise<void>;
}

export interface StoreOptions {
  readonly dataDir: string;
  readonly fsync?: DurabilityMode;
  /** Plugin modules (paths or specifiers) or already-loaded plugin objects whose views to load. */
  readonly plugins?: readonly unknown[];
  /** Open the log read-only (beside a running writer); views are then only read, never written. */
  readonly readOnly?: boolean;
  /** Folder that relative plugin module paths are resolved against (default: the working directory). */
  readonly pluginBaseDir?: string;
  /** Receives view lifecycle events (rebuilds, failures); pino-compatible. Silent by default. */
  readonly logger?: Logger;
  /** Tuning: most records / bytes of log per view transaction (defaults 32768 records, 16 MiB). */
  readonly viewBatch?: { readonly records?: number; readonly bytes?: number };
  /** Tuning: a new log segment starts once the active one reaches this many bytes (default 128 MiB). */
  readonly segmentBytes?: number;
  /** Remove whole sealed segments older than `maxAgeMs` or beyond `maxBytes` of log, checked every `intervalMs` (default 60 s). */
  readonly retention?: RetentionPolicy & { readonly intervalMs?: number };
}

export interface Store {
  readonly dataDir: string;
  readonly log: EventLog;
  readonly views: ViewEngine;
  readonly container: DependencyContainer;
  append(stream: string, events: NewEvent | readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult>;
  /** Soft delete: appends the stream's tombstone (see core/log/tombstone.ts); its reads then answer SLUICE_ERR_STREAM_DELETED. */
  deleteStream(stream: string, options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  /** Erases the records at `offsets` in place and repairs the views (docs/operations.md, "Deleting and forgetting data"). */
  erase(offsets: readonly Offset[]): Promise<ErasureReport>;
  /** Erases every record of `stream` in place and repairs the views. */
  eraseStream(stream: string): Promise<ErasureReport & { readonly stream: string }>;
  /** Applies a retention policy now: whole sealed segments removed from the front, the first offset moves. */
  applyRetention(policy: RetentionPolicy): Promise<RetentionReport>;
  close(): Promise<void>;
}

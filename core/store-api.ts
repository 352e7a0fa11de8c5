// The embedded API that the server, the CLI and applications use: a log plus its views, opened together.
import type { ClusterNode } from './cluster-api.js';
import type { DependencyContainer } from './di.js';
import type { CommandBus } from './commands/command-bus.js';
import type { ConsumerGroups } from './groups/consumer-groups.js';
import type { Logger } from './logger.js';
import type { DeterminismReport } from './view-engine/view-determinism.js';
import type { VerifyProgress, VerifyReport } from './view-engine/view-verify.js';
import type { ViewDefinition } from './view-engine/view-definition.js';
import type { AppendResult, EventLog, ExpectedRevision, LogRecord, NewEvent, Offset, StreamWrite, DurabilityMode } from './log/event-log.js';
import type { ErasureReport } from './log/log-eraser.js';
import type { RetentionPolicy, RetentionReport } from './log/log-retention.js';

/** `stalled`: the view cannot get past a damaged log record (its `error` names the offset and reason). */
export type ViewState = 'ready' | 'rebuilding' | 'failed' | 'stalled';

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
  /** Records the view has applied (in the build that serves it, or the one being built). */
  readonly records: number;
  /**
   * The first log offset the view's rows cover: 0 unless the build started after retention removed the front of
   * the log (then the log's first offset at that time).
   */
  readonly from: Offset;
  /** Rebuild progress 0..1 (1 when ready). */
  readonly progress: number;
  /** Estimated ms to finish the rebuild, null when not rebuilding. */
  readonly etaMs: number | null;
  /**
   * Why the view failed or is stalled (or why the engine stopped following the log), and at which offset. `code` is
   * set when the views stopped together rather than by the view's own fault: SLUICE_ERR_VIEW_NO_SPACE while a full
   * disk holds them (they resume by themselves once space is freed).
   */
  readonly error?: { readonly message: string; readonly offset: Offset | null; readonly code?: string };
  /** Damaged log ranges the view passed over (`skipDamaged`), so its rows lack those records; absent when none. */
  readonly skipped?: readonly { readonly from: Offset; readonly to: Offset; readonly reason: string; readonly at: number }[];
  /**
   * Whether queries answer now. True while `rebuilding` when the previous build of the same version keeps serving
   * (a rebuild on request: blue-green); false while rebuilding after a version change or when failed.
   */
  readonly serving?: boolean;
  /**
   * Order-independent checksum of the rows of the build shown (16 hex digits), kept in the same transaction as the
   * rows: two builds or two nodes at the same position with the same checksum hold the same rows. Null for a build
   * still catching up (it is computed from every row when the build becomes ready) and for builds made before
   * checksums existed.
   */
  readonly checksum?: string | null;
  /** Rows of the build shown, kept with the checksum; null when not kept. */
  readonly rows?: number | null;
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

/** How long `after` waits by default for a view to reach an offset (read-your-writes). */
export const DEFAULT_AFTER_TIMEOUT_MS = 5_000;

/** Read-your-writes for a query: answer only once the view has applied the record at `after`. */
export interface QueryFreshness {
  /** An offset an append returned; the answer then reflects at least that record. */
  readonly after?: Offset;
  /** ms to wait for `after` (default DEFAULT_AFTER_TIMEOUT_MS); SLUICE_ERR_VIEW_WAIT_TIMEOUT after that. */
  readonly timeoutMs?: number;
}

export interface QueryAnswer {
  readonly result: unknown;
  /** The view's position when the query ran: the answer reflects at least the log up to here. */
  readonly position: Offset | null;
}

export interface ViewEngine {
  list(): ViewDescriptor[];
  status(): ViewStatus[];
  statusOf(view: string): ViewStatus;
  /**
   * Runs a declared query. Params are validated against the query's schema (SLUICE_ERR_VIEW_QUERY_INVALID); a view
   * that cannot answer throws SLUICE_ERR_VIEW_REBUILDING or SLUICE_ERR_VIEW_FAILED; `freshness.after` waits first.
   */
  query(view: string, query: string, params: Record<string, unknown>, freshness?: QueryFreshness): Promise<unknown>;
  /** `query`, also reporting the view position the answer is at least as fresh as. */
  answer(view: string, query: string, params: Record<string, unknown>, freshness?: QueryFreshness): Promise<QueryAnswer>;
  /**
   * Resolves once `view` has applied the record at `offset`; rejects with SLUICE_ERR_VIEW_WAIT_TIMEOUT, at once with
   * SLUICE_ERR_LOG_OFFSET_PAST_END when `offset` is at or past the log end, SLUICE_ERR_LOG_NO_RECORD when no record
   * starts there.
   */
  waitFor(view: string, offset: Offset, timeoutMs: number): Promise<void>;
  /**
   * Lets `view` pass over damaged log records (its current builds; a later rebuild stalls again unless the store's
   * `skipDamaged` is on), each range listed in its status as `skipped`; resolves with its status.
   */
  skipDamaged(view: string): Promise<ViewStatus>;
  /** Starts rebuilding `view` from the start of the log; resolves when it has started. */
  rebuild(view: string): Promise<void>;
  /** The view's definition as this process loaded it; SLUICE_ERR_VIEW_NOT_FOUND for an unknown view. */
  definitionOf(view: string): ViewDefinition;
  /**
   * Rebuilds `view` into scratch storage up to the position of its build in service and compares every row
   * (SLUICE_ERR_VIEW_VERIFY_UNAVAILABLE when nothing is in service to compare).
   */
  verify(view: string, options?: VerifyRunOptions): Promise<VerifyReport>;
  /** Applies the whole log to `view` twice, in scratch stores, and reports whether the rows differ. */
  checkDeterminism(view: string, options?: VerifyRunOptions): Promise<DeterminismReport>;
}

export interface VerifyRunOptions {
  readonly onProgress?: (progress: VerifyProgress) => void;
  readonly signal?: AbortSignal;
}

export interface StoreOptions {
  readonly dataDir: string;
  readonly fsync?: DurabilityMode;
  /** Plugin modules (paths or specifiers) or already-loaded plugin objects whose views to load. */
  readonly plugins?: readonly unknown[];
  /** Open the log read-only (beside a running writer); views are then only read, never written. */
  readonly readOnly?: boolean;
  /**
   * Load the first-party views (`streams`, `types`, `tags`); default true. `sluice/testing` turns it off to run a
   * first-party view's own definition alone.
   */
  readonly firstPartyViews?: boolean;
  /** Folder that relative plugin module paths are resolved against (default: the working directory). */
  readonly pluginBaseDir?: string;
  /** Receives view lifecycle events (rebuilds, failures); pino-compatible. Silent by default. */
  readonly logger?: Logger;
  /** Event ids are remembered, and appends repeating them deduplicated, within this many last bytes of log (default 64 MiB). */
  readonly idWindowBytes?: number;
  /**
   * Views pass over damaged log records (those `sluice verify` reports) instead of stalling before them; every range
   * skipped is listed in the view's status. Default false.
   */
  readonly skipDamaged?: boolean;
  /**
   * Apply view rounds on a worker thread, so view transactions do not compete with the caller's own work (the server
   * turns it on). It needs the plugins as module specifiers and the file log; otherwise rounds run inline. Default false.
   */
  readonly viewWorker?: boolean;
  /** Tuning: most records / bytes of log per view transaction (defaults 32768 records, 16 MiB). */
  readonly viewBatch?: { readonly records?: number; readonly bytes?: number };
  /**
   * Tuning: after a view round of fewer than `records` records, the next waits `ms` milliseconds (ended at once by a
   * read-your-writes wait, `idle()` or `close()`), so appends arriving meanwhile share one transaction. Default 100 records,
   * 5 ms; `ms: 0` turns it off.
   */
  readonly viewPace?: { readonly records?: number; readonly ms?: number };
  /**
   * Registers services in the store's own container before any is resolved, replacing the defaults: for instance
   * another log backend, `register: (c) => c.register(TOKENS.LogBackend, { useClass: MyLogBackend })`.
   */
  readonly register?: (container: DependencyContainer) => void;
  /** Tuning: a new log segment starts once the active one reaches this many bytes (default 128 MiB). */
  readonly segmentBytes?: number;
  /** Remove whole sealed segments older than `maxAgeMs` or beyond `maxBytes` of log, checked every `intervalMs` (default 60 s). */
  readonly retention?: RetentionPolicy & { readonly intervalMs?: number };
}

export interface StreamReadOptions {
  /** First revision returned (default 0 forward, the stream's last revision backward). */
  readonly from?: number;
  /** `backward`: newest first. Default `forward`. */
  readonly direction?: 'forward' | 'backward';
  /** Most events (default 100). */
  readonly limit?: number;
  /** Wait (up to 5 s) until the streams view has applied the record at this offset, e.g. an append's lastOffset. */
  readonly after?: Offset;
}

export interface StreamPage {
  readonly stream: string;
  readonly events: LogRecord[];
  /** The revision to continue from in the same direction, or null at the stream's end (or start, backward). */
  readonly next: number | null;
}

export interface Store {
  readonly dataDir: string;
  readonly log: EventLog;
  readonly views: ViewEngine;
  /** The commands the plugins declare (`POST /commands/:name` over HTTP). */
  readonly commands: CommandBus;
  /** Consumer groups (persistent subscriptions); SLUICE_ERR_LOG_READ_ONLY on a read-only store. */
  readonly groups: ConsumerGroups;
  readonly container: DependencyContainer;
  /** Present in cluster mode (docs/cluster.md): the replicated log's status. */
  readonly cluster?: ClusterNode;
  append(stream: string, events: NewEvent | readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult>;
  appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult>;
  /** One stream's events in revision order, or newest first; SLUICE_ERR_STREAM_NOT_FOUND for a stream without events. */
  readStream(stream: string, options?: StreamReadOptions): Promise<StreamPage>;
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

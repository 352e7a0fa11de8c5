import type { DependencyContainer } from './di.js';
import type { ConsumerGroups } from './groups/consumer-groups.js';
import type { Logger } from './logger.js';
import type { AppendResult, EventLog, ExpectedRevision, LogRecord, NewEvent, Offset, StreamWrite, DurabilityMode } from './log/event-log.js';
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
    readonly error?: {
        readonly message: string;
        readonly offset: Offset | null;
    };
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
    /** Event ids are remembered, and appends repeating them deduplicated, within this many last bytes of log (default 64 MiB). */
    readonly idWindowBytes?: number;
    /** Tuning: most records / bytes of log per view transaction (defaults 32768 records, 16 MiB). */
    readonly viewBatch?: {
        readonly records?: number;
        readonly bytes?: number;
    };
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
    /** Consumer groups (persistent subscriptions); SLUICE_ERR_LOG_READ_ONLY on a read-only store. */
    readonly groups: ConsumerGroups;
    readonly container: DependencyContainer;
    append(stream: string, events: NewEvent | readonly NewEvent[], options?: {
        expectedRevision?: ExpectedRevision;
    }): Promise<AppendResult>;
    appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult>;
    /** One stream's events in revision order, or newest first; SLUICE_ERR_STREAM_NOT_FOUND for a stream without events. */
    readStream(stream: string, options?: StreamReadOptions): Promise<StreamPage>;
    close(): Promise<void>;
}

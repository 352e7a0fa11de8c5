import type { Database, Key } from 'lmdb';
import type { EventLog, LogRecord } from '../log/event-log.js';
import type { JsonSchema } from '../store-api.js';
/** Options for one LMDB sub-database a view writes. */
export interface DbSpec {
    /** Many sorted values per key (LMDB dupsort); values must then be small keys (strings, numbers, arrays). */
    readonly dupSort?: boolean;
    /** With dupSort: every value has the same size, stored packed (LMDB MDB_DUPFIXED). */
    readonly dupFixed?: boolean;
    /** Value encoding; `msgpack` by default, `ordered-binary` for dupsort values that sort like keys. */
    readonly encoding?: 'msgpack' | 'json' | 'string' | 'binary' | 'ordered-binary';
}
export type ViewDb = Database<any, Key>;
/** The view's sub-databases by the names it declared. */
export type ViewDbs = Readonly<Record<string, ViewDb>>;
/** What `apply` and `flush` receive: the sub-databases of the storage being written, and per-transaction scratch. */
export interface ApplyContext {
    readonly dbs: ViewDbs;
    /**
     * Scratch space for one transaction: lets `apply` buffer (say, per-key state) and `flush` write it once.
     * Cleared after every commit and every abort, so a failed batch leaves nothing behind.
     */
    readonly batch: Map<unknown, unknown>;
}
/** What a query handler receives. Reads are synchronous LMDB reads of the storage that serves the view. */
export interface QueryContext {
    readonly dbs: ViewDbs;
    readonly log: EventLog;
    readonly view: string;
}
export interface QueryDefinition<P = any, R = unknown> {
    readonly description?: string;
    /** JSON schema of the parameters object. Declare `integer`/`boolean` types: HTTP params arrive as strings and are coerced. */
    readonly params: JsonSchema;
    handler(params: P, ctx: QueryContext): R | Promise<R>;
}
export interface ViewDefinition {
    /** Stable name, used on disk and in URLs: letters, digits, `_` and `-`, at most 64 characters. */
    readonly name: string;
    /** Integer version of the view's code; changing it rebuilds the view from the start of the log. */
    readonly version: number;
    readonly description?: string;
    /** The sub-databases the view writes, by name. */
    readonly dbs: Readonly<Record<string, DbSpec>>;
    /** Writes the rows `record` produces. Synchronous; throwing marks the view failed and commits nothing of the batch. */
    apply(record: LogRecord, ctx: ApplyContext): void;
    /** Optional: called once per transaction after the batch's last `apply`, before the position is written. */
    flush?(ctx: ApplyContext): void;
    readonly queries: Readonly<Record<string, QueryDefinition>>;
}
/** A view class, resolved through the store's container: decorate it `@injectable()` and its parameters `@inject(TOKEN)`. */
export type ViewClass = new (...args: any[]) => ViewDefinition;
export type ViewSource = ViewDefinition | ViewClass;
/** Identity helper that type-checks a plain view object. */
export declare function defineView<T extends ViewDefinition>(view: T): T;
export declare const VIEW_NAME: RegExp;
export declare const DB_NAME: RegExp;
export declare const QUERY_NAME: RegExp;
/** Returns why `view` breaks the contract, or undefined when it honours it. */
export declare function viewDefinitionProblem(view: unknown): string | undefined;

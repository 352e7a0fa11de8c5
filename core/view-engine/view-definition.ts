// The view contract: what a view plugin declares (name, version, sub-databases, apply, queries).
// `apply` runs inside the view's LMDB write transaction; whatever it writes commits together with the view's position.
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

/**
 * Type-level only (no value exists at run time): the key under which a query's type records the parameters its
 * callers pass, before the schema's defaults fill them in. The typed client (`sluice/client`) reads it.
 */
export declare const CALLER_PARAMS: unique symbol;

/** A query: `P` the parameters the handler sees, `R` its answer, `I` what callers pass (P unless defaults apply). */
export interface QueryDefinition<P = any, R = unknown, I = P> {
  readonly description?: string;
  /** JSON schema of the parameters object. Declare `integer`/`boolean` types: HTTP params arrive as strings and are coerced. */
  readonly params: JsonSchema;
  handler(params: P, ctx: QueryContext): R | Promise<R>;
  /** Never set: carries the callers' parameter type `I` for typed clients. */
  readonly [CALLER_PARAMS]?: I;
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
  /**
   * Whether `apply` also sees records erased in place (`record.erased`, data null, no meta or tags). Default false:
   * an erased record is skipped, so nothing derived from it can answer once the view is rebuilt after an erasure.
   */
  readonly seesErased?: boolean;
  /**
   * Set by views whose rows are, per stream, the fold of that stream's records with `evolve` from `initial` (keyed
   * state views with `key: 'stream'`). A command handler with the same `evolve` reads a stream's state from such a
   * view (query `stream-state`) instead of folding the stream.
   */
  readonly streamState?: StreamStateSource;
}

export interface StreamStateSource {
  readonly initial: unknown;
  readonly evolve: (state: any, record: LogRecord, key: string) => unknown;
}

/** A view whose name and queries keep their literal types, so a typed client can check calls against them. */
export interface TypedView<N extends string, Q extends Readonly<Record<string, QueryDefinition>>> extends ViewDefinition {
  readonly name: N;
  readonly queries: Q;
}

/** A view class, resolved through the store's container: decorate it `@injectable()` and its parameters `@inject(TOKEN)`. */
export type ViewClass = new (...args: any[]) => ViewDefinition;

export type ViewSource = ViewDefinition | ViewClass;

/** Identity helper that type-checks a plain view object (and keeps its name literal, for the typed client). */
export function defineView<const T extends ViewDefinition>(view: T): T {
  return view;
}

export const VIEW_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const DB_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
export const QUERY_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Returns why `view` breaks the contract, or undefined when it honours it. */
export function viewDefinitionProblem(view: unknown): string | undefined {
  if (view === null || typeof view !== 'object') return 'a view must be an object or a class';
  const v = view as Partial<ViewDefinition>;
  if (typeof v.name !== 'string' || !VIEW_NAME.test(v.name)) {
    return `name ${JSON.stringify(v.name)} must be 1-64 letters, digits, "_" or "-"`;
  }
  const at = `view ${v.name}: `;
  if (typeof v.version !== 'number' || !Number.isSafeInteger(v.version) || v.version < 0) {
    return `${at}version must be a non-negative integer (got ${JSON.stringify(v.version)})`;
  }
  if (v.dbs === null || typeof v.dbs !== 'object' || Array.isArray(v.dbs)) return `${at}dbs must be an object of sub-database options`;
  for (const name of Object.keys(v.dbs)) {
    if (!DB_NAME.test(name)) return `${at}sub-database name ${JSON.stringify(name)} must be 1-64 letters, digits, "_" or "-"`;
  }
  if (typeof v.apply !== 'function') return `${at}apply must be a function`;
  if (v.flush !== undefined && typeof v.flush !== 'function') return `${at}flush must be a function`;
  if (v.queries === null || typeof v.queries !== 'object' || Array.isArray(v.queries)) return `${at}queries must be an object`;
  for (const [name, query] of Object.entries(v.queries)) {
    if (!QUERY_NAME.test(name)) return `${at}query name ${JSON.stringify(name)} must be 1-64 letters, digits, "_" or "-"`;
    if (query === null || typeof query !== 'object') return `${at}query ${name} must be an object`;
    if (typeof query.handler !== 'function') return `${at}query ${name} needs a handler function`;
    const params = query.params as Record<string, unknown> | undefined;
    if (params === null || typeof params !== 'object' || params.type !== 'object') {
      return `${at}query ${name} needs a params JSON schema of type "object"`;
    }
  }
  return undefined;
}

// Keyed state view kind (entity projections): per key, an `initial` state folded by a pure `evolve(state, record)`.
// Rows: one LMDB database, key -> state (msgpack). Within a batch, states live in the transaction's scratch map and
// are written once in `flush`, so a hot key costs one put per batch, not one per record.
// Keyed `'stream'` (one entity per stream), the view also keeps each stream's last revision in the same transaction
// (db `revisions`), answers `stream-state`, and declares `streamState` so command handlers read state from it.
import { SluiceError } from '../core/errors.js';
import type { LogRecord } from '../core/log/event-log.js';
import { isTombstone } from '../core/log/tombstone.js';
import type { ApplyContext, QueryDefinition, TypedView, ViewDbs } from '../core/view-engine/view-definition.js';
import { CURSOR_SCHEMA, decodeCursor, encodeCursor, LIMIT_SCHEMA, REVERSE_SCHEMA } from './cursor.js';
import { keyRange, KEY_SELECTION_SCHEMA, type KeySelection } from './key-range.js';

export interface KeyedStateViewOptions<S, N extends string = string> {
  readonly name: N;
  readonly version: number;
  readonly description?: string;
  /**
   * The keys (entity ids) `record` changes; undefined, null or [] for none. `'stream'`: one entity per stream, keyed
   * by the stream name; a command handler with the same `evolve` and `initial` then reads its state from this view.
   */
  readonly key: 'stream' | ((record: LogRecord) => string | readonly string[] | undefined | null);
  /** An entity's state before its first record. Never mutated. */
  readonly initial: S;
  /**
   * The entity's next state. Must be pure and must not mutate `state`; return undefined to delete the entity.
   * Never called for a stream's tombstone (a soft delete): the entities `key(tombstone)` names are deleted instead.
   */
  evolve(state: S, record: LogRecord, key: string): S | undefined;
}

/** An entity as the queries answer it. */
export interface KeyedEntry<S> {
  readonly key: string;
  readonly state: S;
}

type ListParams = KeySelection & { reverse: boolean; limit: number; cursor?: string };

/** The queries of a keyed state view, typed for clients: `get` {key}, `list` (paginated), and for stream-keyed views `stream-state`. */
export type KeyedStateQueries<S> = {
  readonly get: QueryDefinition<{ key: string }, KeyedEntry<S>>;
  readonly list: QueryDefinition<ListParams, { entries: KeyedEntry<S>[]; cursor: string | null }, Partial<ListParams>>;
  readonly 'stream-state'?: QueryDefinition<{ stream: string }, { stream: string; revision: number | null; state: S }>;
};

const DELETED = Symbol('deleted');
/** The batch entry holding, for stream-keyed views, each stream's last revision applied in this transaction. */
const REVISION = Symbol('revisions');

function isKey(value: unknown): value is string {
  return typeof value === 'string';
}

/**
 * A keyed state view.
 * @example
 * // Balance per account: GET /views/balances/get?key=acct-7 -> { key: 'acct-7', state: { balance: 120 } }
 * export const balances = keyedStateView({
 *   name: 'balances', version: 1,
 *   key: (record) => (record.type === 'deposit' ? (record.data as { account: string }).account : undefined),
 *   initial: { balance: 0 },
 *   evolve: (state, record) => ({ balance: state.balance + (record.data as { amount: number }).amount }),
 * });
 */
export function keyedStateView<S, N extends string = string>(options: KeyedStateViewOptions<S, N>): TypedView<N, KeyedStateQueries<S>> {
  const { name, initial, evolve } = options;
  const byStream = options.key === 'stream';
  const key = options.key === 'stream' ? (record: LogRecord) => record.stream : options.key;

  function current(ctx: ApplyContext, k: string): S {
    const buffered = ctx.batch.get(k);
    if (buffered !== undefined) return buffered === DELETED ? initial : (buffered as S);
    return (ctx.dbs.state!.get(k) as S | undefined) ?? initial;
  }

  function step(ctx: ApplyContext, k: string, record: LogRecord): void {
    if (typeof k !== 'string' || k.length === 0) throw new Error(`keyed state ${name}: keys must be non-empty strings, got ${JSON.stringify(k)}`);
    const next = isTombstone(record) ? undefined : evolve(current(ctx, k), record, k);
    ctx.batch.set(k, next === undefined ? DELETED : next);
  }

  return {
    name,
    version: options.version,
    description: options.description,
    dbs: byStream ? { state: {}, revisions: {} } : { state: {} },
    apply(record, ctx) {
      if (byStream) ctx.batch.set(REVISION, ((ctx.batch.get(REVISION) as Map<string, number> | undefined) ?? new Map()).set(record.stream, record.revision));
      const keys = key(record);
      if (keys === undefined || keys === null) return;
      if (typeof keys === 'string') step(ctx, keys, record);
      else for (const k of keys.length > 1 ? new Set(keys) : keys) step(ctx, k, record);
    },
    flush(ctx) {
      const db = ctx.dbs.state!;
      // In key order: LMDB writes in key order touch each page once (the rows are the same in any order).
      for (const k of [...ctx.batch.keys()].filter((k): k is string => typeof k === 'string').sort()) {
        const state = ctx.batch.get(k);
        if (state === DELETED) db.remove(k);
        else db.put(k, state);
      }
      const revisions = ctx.batch.get(REVISION) as Map<string, number> | undefined;
      if (revisions !== undefined) for (const stream of [...revisions.keys()].sort()) ctx.dbs.revisions!.put(stream, revisions.get(stream));
    },
    ...(byStream ? { streamState: { initial, evolve } } : {}),
    queries: {
      ...(byStream ? { 'stream-state': streamStateQuery(name, initial) } : {}),
      get: {
        description: 'one entity\'s state',
        params: { type: 'object', additionalProperties: false, required: ['key'], properties: { key: { type: 'string', minLength: 1 } } },
        handler(p: { key: string }, ctx) {
          const state = ctx.dbs.state!.get(p.key) as S | undefined;
          if (state === undefined) throw new SluiceError('VIEW_KEY_NOT_FOUND', { what: `key ${p.key}`, view: name });
          return { key: p.key, state };
        },
      },
      list: {
        description: 'entities by key prefix or range, in key order, paginated',
        params: {
          type: 'object', additionalProperties: false,
          properties: { ...KEY_SELECTION_SCHEMA, reverse: REVERSE_SCHEMA, limit: LIMIT_SCHEMA, cursor: CURSOR_SCHEMA },
        },
        handler(p: ListParams, ctx) {
          const after = p.cursor === undefined ? undefined : decodeCursor(p.cursor, name, 'list', isKey);
          const entries: { key: string; state: S }[] = [];
          for (const { key: k, value } of ctx.dbs.state!.getRange({ ...keyRange(p, p.reverse, after), limit: p.limit + 1 })) {
            entries.push({ key: k as string, state: value as S });
          }
          if (entries.length <= p.limit) return { entries, cursor: null };
          entries.length = p.limit;
          return { entries, cursor: encodeCursor(entries[entries.length - 1]!.key) };
        },
      },
    },
  };
}

/**
 * `stream-state` {stream} -> {stream, revision, state}: the stream's state and the revision of its last event the
 * state includes (null, with the initial state, for a stream the view has not seen). Both come from one read, so
 * `revision` is the right `expectedRevision` for a decision made on `state`.
 */
function streamStateQuery<S>(name: string, initial: S) {
  return {
    description: 'a stream\'s state and the revision it is at (use it as expectedRevision)',
    params: { type: 'object', additionalProperties: false, required: ['stream'], properties: { stream: { type: 'string', minLength: 1 } } },
    handler(p: { stream: string }, ctx: { dbs: ViewDbs }) {
      const revision = ctx.dbs.revisions!.get(p.stream) as number | undefined;
      const state = ctx.dbs.state!.get(p.stream) as S | undefined;
      if (revision === undefined && state !== undefined) {
        throw new SluiceError('VIEW_KEY_NOT_FOUND', { what: `the revision of stream ${p.stream} (this build predates revisions: rebuild it)`, view: name });
      }
      return { stream: p.stream, revision: revision ?? null, state: state ?? initial };
    },
  };
}

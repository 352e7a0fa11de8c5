// Keyed state view kind (entity projections): per key, an `initial` state folded by a pure `evolve(state, record)`.
// Rows: one LMDB database, key -> state (msgpack). Within a batch, states live in the transaction's scratch map and
// are written once in `flush`, so a hot key costs one put per batch, not one per record.
import { SluiceError } from '../core/errors.js';
import type { LogRecord } from '../core/log/event-log.js';
import { isTombstone } from '../core/log/tombstone.js';
import type { ApplyContext, ViewDefinition } from '../core/view-engine/view-definition.js';
import { CURSOR_SCHEMA, decodeCursor, encodeCursor, LIMIT_SCHEMA, REVERSE_SCHEMA } from './cursor.js';
import { keyRange, KEY_SELECTION_SCHEMA, type KeySelection } from './key-range.js';

export interface KeyedStateViewOptions<S> {
  readonly name: string;
  readonly version: number;
  readonly description?: string;
  /** The keys (entity ids) `record` changes; undefined, null or [] for none. */
  key(record: LogRecord): string | readonly string[] | undefined | null;
  /** An entity's state before its first record. Never mutated. */
  readonly initial: S;
  /**
   * The entity's next state. Must be pure and must not mutate `state`; return undefined to delete the entity.
   * Never called for a stream's tombstone (a soft delete): the entities `key(tombstone)` names are deleted instead.
   */
  evolve(state: S, record: LogRecord, key: string): S | undefined;
}

const DELETED = Symbol('deleted');

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
export function keyedStateView<S>(options: KeyedStateViewOptions<S>): ViewDefinition {
  const { name, key, initial, evolve } = options;

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
    dbs: { state: {} },
    apply(record, ctx) {
      const keys = key(record);
      if (keys === undefined || keys === null) return;
      if (typeof keys === 'string') step(ctx, keys, record);
      else for (const k of keys.length > 1 ? new Set(keys) : keys) step(ctx, k, record);
    },
    flush(ctx) {
      const db = ctx.dbs.state!;
      for (const [k, state] of ctx.batch as Map<string, unknown>) {
        if (state === DELETED) db.remove(k);
        else db.put(k, state);
      }
    },
    queries: {
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
        handler(p: KeySelection & { reverse: boolean; limit: number; cursor?: string }, ctx) {
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

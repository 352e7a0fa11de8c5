// Keyed state view kind (entity projections): per key, an `initial` state folded by a pure `evolve(state, record)`.
// Rows: one LMDB database, key -> state (msgpack). Within a batch, states live in the transaction's scratch map and
// are written once in `flush`, so a hot key costs one put per batch, not one per record.
import { SluiceError } from '../core/errors.js';
import { CURSOR_SCHEMA, decodeCursor, encodeCursor, LIMIT_SCHEMA, REVERSE_SCHEMA } from './cursor.js';
import { keyRange, KEY_SELECTION_SCHEMA } from './key-range.js';
const DELETED = Symbol('deleted');
function isKey(value) {
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
export function keyedStateView(options) {
    const { name, key, initial, evolve } = options;
    function current(ctx, k) {
        const buffered = ctx.batch.get(k);
        if (buffered !== undefined)
            return buffered === DELETED ? initial : buffered;
        return ctx.dbs.state.get(k) ?? initial;
    }
    function step(ctx, k, record) {
        if (typeof k !== 'string' || k.length === 0)
            throw new Error(`keyed state ${name}: keys must be non-empty strings, got ${JSON.stringify(k)}`);
        const next = evolve(current(ctx, k), record, k);
        ctx.batch.set(k, next === undefined ? DELETED : next);
    }
    return {
        name,
        version: options.version,
        description: options.description,
        dbs: { state: {} },
        apply(record, ctx) {
            const keys = key(record);
            if (keys === undefined || keys === null)
                return;
            if (typeof keys === 'string')
                step(ctx, keys, record);
            else
                for (const k of keys.length > 1 ? new Set(keys) : keys)
                    step(ctx, k, record);
        },
        flush(ctx) {
            const db = ctx.dbs.state;
            for (const [k, state] of ctx.batch) {
                if (state === DELETED)
                    db.remove(k);
                else
                    db.put(k, state);
            }
        },
        queries: {
            get: {
                description: 'one entity\'s state',
                params: { type: 'object', additionalProperties: false, required: ['key'], properties: { key: { type: 'string', minLength: 1 } } },
                handler(p, ctx) {
                    const state = ctx.dbs.state.get(p.key);
                    if (state === undefined)
                        throw new SluiceError('VIEW_KEY_NOT_FOUND', { what: `key ${p.key}`, view: name });
                    return { key: p.key, state };
                },
            },
            list: {
                description: 'entities by key prefix or range, in key order, paginated',
                params: {
                    type: 'object', additionalProperties: false,
                    properties: { ...KEY_SELECTION_SCHEMA, reverse: REVERSE_SCHEMA, limit: LIMIT_SCHEMA, cursor: CURSOR_SCHEMA },
                },
                handler(p, ctx) {
                    const after = p.cursor === undefined ? undefined : decodeCursor(p.cursor, name, 'list', isKey);
                    const entries = [];
                    for (const { key: k, value } of ctx.dbs.state.getRange({ ...keyRange(p, p.reverse, after), limit: p.limit + 1 })) {
                        entries.push({ key: k, state: value });
                    }
                    if (entries.length <= p.limit)
                        return { entries, cursor: null };
                    entries.length = p.limit;
                    return { entries, cursor: encodeCursor(entries[entries.length - 1].key) };
                },
            },
        },
    };
}
//# sourceMappingURL=keyed-state-view.js.map
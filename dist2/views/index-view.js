import { CURSOR_SCHEMA, decodeCursor, encodeCursor, LIMIT_SCHEMA, REVERSE_SCHEMA } from './cursor.js';
import { keyRange, KEY_SELECTION_SCHEMA } from './key-range.js';
import { decodeOffset, encodeOffset, OFFSETS_DB } from './offset-codec.js';
/** Longest key (UTF-8 bytes) an index accepts; LMDB keys and dupsort values are limited to ~2 KB. */
export const MAX_INDEX_KEY_BYTES = 1000;
function isEntry(value) {
    return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && Number.isSafeInteger(value[1]);
}
function checkKey(key, view) {
    if (typeof key !== 'string' || key.length === 0)
        throw new Error(`index ${view}: keys must be non-empty strings, got ${JSON.stringify(key)}`);
    if (key.length * 3 > MAX_INDEX_KEY_BYTES && Buffer.byteLength(key) > MAX_INDEX_KEY_BYTES) {
        throw new Error(`index ${view}: key of ${Buffer.byteLength(key)} bytes exceeds ${MAX_INDEX_KEY_BYTES}`);
    }
    return key;
}
/** Index entries in key order (then log order), or the reverse, strictly after `after`. */
function* scan(db, params, exact, after) {
    const { reverse } = params;
    if (exact !== undefined) {
        const from = after === undefined ? { reverse } : { reverse, start: encodeOffset(after.offset, Buffer.alloc(8)), exclusiveStart: true };
        for (const value of db.getValues(exact, from))
            yield { key: exact, offset: decodeOffset(value) };
        return;
    }
    if (after !== undefined) {
        for (const value of db.getValues(after.key, { reverse, start: encodeOffset(after.offset, Buffer.alloc(8)), exclusiveStart: true })) {
            yield { key: after.key, offset: decodeOffset(value) };
        }
    }
    for (const key of db.getKeys(keyRange(params, reverse, after?.key))) {
        for (const value of db.getValues(key, { reverse }))
            yield { key: key, offset: decodeOffset(value) };
    }
}
function page(view, query, keyParam, params, ctx) {
    const exact = params[keyParam];
    const after = params.cursor === undefined ? undefined : decodeCursor(params.cursor, view, query, isEntry);
    const entries = [];
    for (const entry of scan(ctx.dbs.index, params, exact, after && { key: after[0], offset: after[1] })) {
        entries.push(entry);
        if (entries.length > params.limit)
            break;
    }
    if (entries.length <= params.limit)
        return { entries, cursor: null };
    entries.length = params.limit;
    const last = entries[entries.length - 1];
    return { entries, cursor: encodeCursor([last.key, last.offset]) };
}
function paramsSchema(keyParam) {
    const paging = { reverse: REVERSE_SCHEMA, limit: LIMIT_SCHEMA, cursor: CURSOR_SCHEMA };
    if (keyParam !== undefined) {
        return {
            type: 'object', additionalProperties: false, required: [keyParam],
            properties: { [keyParam]: { type: 'string', minLength: 1, description: `the ${keyParam} to find` }, ...paging },
        };
    }
    return {
        type: 'object', additionalProperties: false,
        properties: { key: { type: 'string', minLength: 1, description: 'exactly this key' }, ...KEY_SELECTION_SCHEMA, ...paging },
    };
}
/**
 * An index view.
 * @example
 * // Deposits by account: GET /views/by-account/records?key=acct-7&reverse=true
 * export const byAccount = indexView({
 *   name: 'by-account', version: 1,
 *   keys: (record) => (record.data as { account?: string } | null)?.account,
 * });
 * // in process: await store.views.query('by-account', 'records', { key: 'acct-7', limit: 10 })
 * //   -> { records: [LogRecord, ...], cursor: string | null }
 */
export function indexView(options) {
    const { name, keys, keyParam } = options;
    const param = keyParam ?? 'key';
    const params = paramsSchema(keyParam);
    return {
        name,
        version: options.version,
        description: options.description,
        dbs: { index: OFFSETS_DB },
        apply(record, { dbs }) {
            const found = keys(record);
            if (found === undefined || found === null)
                return;
            const index = dbs.index;
            if (typeof found === 'string') {
                index.put(checkKey(found, name), encodeOffset(record.offset));
                return;
            }
            const list = found.length > 1 ? new Set(found) : found;
            for (const key of list)
                index.put(checkKey(key, name), encodeOffset(record.offset));
        },
        queries: {
            records: {
                description: `records by ${param}, oldest first (reverse for newest first), paginated`,
                params,
                handler(p, ctx) {
                    const { entries, cursor } = page(name, 'records', param, p, ctx);
                    return { records: entries.map((e) => ctx.log.readSync(e.offset)), cursor };
                },
            },
            offsets: {
                description: `offsets of records by ${param}, paginated`,
                params,
                handler(p, ctx) {
                    const { entries, cursor } = page(name, 'offsets', param, p, ctx);
                    return { offsets: entries.map((e) => e.offset), cursor };
                },
            },
        },
    };
}
//# sourceMappingURL=index-view.js.map
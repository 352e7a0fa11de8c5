// Index view kind: maps each record to zero or more string keys and finds records by exact key, prefix or range.
// Rows: one LMDB dupsort database, key -> the offsets of its records (8-byte big-endian, packed), so a key's records
// come back in log order without a scan; records are read back from the log by offset.
import type { LogRecord } from '../core/log/event-log.js';
import { isTombstone } from '../core/log/tombstone.js';
import type { JsonSchema } from '../core/store-api.js';
import type { QueryContext, QueryDefinition, TypedView, ViewDb } from '../core/view-engine/view-definition.js';
import { CURSOR_SCHEMA, decodeCursor, encodeCursor, LIMIT_SCHEMA, REVERSE_SCHEMA } from './cursor.js';
import { keyRange, KEY_SELECTION_SCHEMA, type KeySelection } from './key-range.js';
import { decodeOffset, encodeOffset, OFFSETS_DB } from './offset-codec.js';
import { SortedPuts } from './sorted-puts.js';

/** stream -> [key, offset] of each of its entries (dropDeletedStreams). */
const BY_STREAM_DB = { dupSort: true, encoding: 'ordered-binary' } as const;

/** Longest key (UTF-8 bytes) an index accepts; LMDB keys and dupsort values are limited to ~2 KB. */
export const MAX_INDEX_KEY_BYTES = 1000;

export interface IndexViewOptions<N extends string = string, K extends string = string> {
  readonly name: N;
  readonly version: number;
  readonly description?: string;
  /** The keys `record` is found under; undefined, null or [] leaves it out of the index. Must be pure. */
  keys(record: LogRecord): string | readonly string[] | undefined | null;
  /**
   * Names the key parameter of the queries and limits them to exact keys (the `types` view uses `type`).
   * Without it, queries take `key`, `prefix` or a range (`gte`/`gt`/`lte`/`lt`).
   */
  readonly keyParam?: K;
  /**
   * Drop a stream's entries when the stream is deleted (its tombstone, DELETE /streams/:stream). Keeps a second
   * sub-database (stream -> its entries) to find them; turning it on for an existing view needs a version bump.
   */
  readonly dropDeletedStreams?: boolean;
}

export interface IndexQueryParams extends KeySelection {
  readonly key?: string;
  readonly reverse: boolean;
  readonly limit: number;
  readonly cursor?: string;
  readonly [param: string]: unknown;
}

type Paging = { reverse?: boolean; limit?: number; cursor?: string };

/** What callers pass: the key parameter when the view names one, else `key`, a prefix or a range. */
export type IndexCallerParams<K extends string> = [K] extends [never]
  ? { key?: string } & KeySelection & Paging
  : { [P in K]: string } & Paging;

/** The queries of an index view, typed for clients: `records` and `offsets`, paginated by cursor. */
export type IndexQueries<K extends string> = {
  readonly records: QueryDefinition<IndexQueryParams, { records: LogRecord[]; cursor: string | null }, IndexCallerParams<K>>;
  readonly offsets: QueryDefinition<IndexQueryParams, { offsets: number[]; cursor: string | null }, IndexCallerParams<K>>;
};

interface Entry {
  readonly key: string;
  readonly offset: number;
}

function isEntry(value: unknown): value is [string, number] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'string' && Number.isSafeInteger(value[1]);
}

function checkKey(key: unknown, view: string): string {
  if (typeof key !== 'string' || key.length === 0) throw new Error(`index ${view}: keys must be non-empty strings, got ${JSON.stringify(key)}`);
  if (key.length * 3 > MAX_INDEX_KEY_BYTES && Buffer.byteLength(key) > MAX_INDEX_KEY_BYTES) {
    throw new Error(`index ${view}: key of ${Buffer.byteLength(key)} bytes exceeds ${MAX_INDEX_KEY_BYTES}`);
  }
  return key;
}

/** Index entries in key order (then log order), or the reverse, strictly after `after`. */
function* scan(db: ViewDb, params: IndexQueryParams, exact: string | undefined, after: Entry | undefined): Generator<Entry> {
  const { reverse } = params;
  if (exact !== undefined) {
    const from = after === undefined ? { reverse } : { reverse, start: encodeOffset(after.offset, Buffer.alloc(8)), exclusiveStart: true };
    for (const value of db.getValues(exact, from)) yield { key: exact, offset: decodeOffset(value as Buffer) };
    return;
  }
  if (after !== undefined) {
    for (const value of db.getValues(after.key, { reverse, start: encodeOffset(after.offset, Buffer.alloc(8)), exclusiveStart: true })) {
      yield { key: after.key, offset: decodeOffset(value as Buffer) };
    }
  }
  for (const key of db.getKeys(keyRange(params, reverse, after?.key))) {
    for (const value of db.getValues(key, { reverse })) yield { key: key as string, offset: decodeOffset(value as Buffer) };
  }
}

function page(view: string, query: string, keyParam: string, params: IndexQueryParams, ctx: QueryContext): { entries: Entry[]; cursor: string | null } {
  const exact = params[keyParam] as string | undefined;
  const after = params.cursor === undefined ? undefined : decodeCursor(params.cursor, view, query, isEntry);
  const entries: Entry[] = [];
  for (const entry of scan(ctx.dbs.index!, params, exact, after && { key: after[0], offset: after[1] })) {
    entries.push(entry);
    if (entries.length > params.limit) break;
  }
  if (entries.length <= params.limit) return { entries, cursor: null };
  entries.length = params.limit;
  const last = entries[entries.length - 1]!;
  return { entries, cursor: encodeCursor([last.key, last.offset]) };
}

function paramsSchema(keyParam: string | undefined): JsonSchema {
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
export function indexView<N extends string, K extends string = never>(options: IndexViewOptions<N, K>): TypedView<N, IndexQueries<K>> {
  const { name, keys, keyParam } = options;
  const param = keyParam ?? 'key';
  const params = paramsSchema(keyParam);
  const drop = options.dropDeletedStreams === true;
  return {
    name,
    version: options.version,
    description: options.description,
    dbs: drop ? { index: OFFSETS_DB, byStream: BY_STREAM_DB } : { index: OFFSETS_DB },
    apply(record, { dbs, batch }) {
      const index = dbs.index!;
      if (drop && isTombstone(record)) {
        SortedPuts.flush(batch, index); // the entries to drop may be in this batch
        SortedPuts.flush(batch, dbs.byStream!);
        const byStream = dbs.byStream!;
        for (const entry of byStream.getValues(record.stream)) {
          const [key, offset] = entry as [string, number];
          index.remove(key, encodeOffset(offset));
        }
        byStream.remove(record.stream);
        return;
      }
      const found = keys(record);
      if (found === undefined || found === null) return;
      const list = typeof found === 'string' ? [found] : found.length > 1 ? new Set(found) : found;
      const entries = SortedPuts.for(batch, index);
      for (const key of list) {
        entries.add(checkKey(key, name), record.offset);
        if (drop) SortedPuts.for(batch, dbs.byStream!).add(record.stream, [key, record.offset]);
      }
    },
    flush({ dbs, batch }) {
      SortedPuts.flush(batch, dbs.index!);
      if (drop) SortedPuts.flush(batch, dbs.byStream!);
    },
    queries: {
      records: {
        description: `records by ${param}, oldest first (reverse for newest first), paginated`,
        params,
        handler(p: IndexQueryParams, ctx) {
          const { entries, cursor } = page(name, 'records', param, p, ctx);
          return { records: entries.map((e) => ctx.log.readSync(e.offset)), cursor };
        },
      },
      offsets: {
        description: `offsets of records by ${param}, paginated`,
        params,
        handler(p: IndexQueryParams, ctx) {
          const { entries, cursor } = page(name, 'offsets', param, p, ctx);
          return { offsets: entries.map((e) => e.offset), cursor };
        },
      },
    },
  };
}

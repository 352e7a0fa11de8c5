import type { LogRecord } from '../core/log/event-log.js';
import type { ViewDefinition } from '../core/view-engine/view-definition.js';
import { type KeySelection } from './key-range.js';
/** Longest key (UTF-8 bytes) an index accepts; LMDB keys and dupsort values are limited to ~2 KB. */
export declare const MAX_INDEX_KEY_BYTES = 1000;
export interface IndexViewOptions {
    readonly name: string;
    readonly version: number;
    readonly description?: string;
    /** The keys `record` is found under; undefined, null or [] leaves it out of the index. Must be pure. */
    keys(record: LogRecord): string | readonly string[] | undefined | null;
    /**
     * Names the key parameter of the queries and limits them to exact keys (the `types` view uses `type`).
     * Without it, queries take `key`, `prefix` or a range (`gte`/`gt`/`lte`/`lt`).
     */
    readonly keyParam?: string;
}
export interface IndexQueryParams extends KeySelection {
    readonly key?: string;
    readonly reverse: boolean;
    readonly limit: number;
    readonly cursor?: string;
    readonly [param: string]: unknown;
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
export declare function indexView(options: IndexViewOptions): ViewDefinition;

import type { LogRecord } from '../core/log/event-log.js';
import type { ViewDefinition } from '../core/view-engine/view-definition.js';
export interface KeyedStateViewOptions<S> {
    readonly name: string;
    readonly version: number;
    readonly description?: string;
    /** The keys (entity ids) `record` changes; undefined, null or [] for none. */
    key(record: LogRecord): string | readonly string[] | undefined | null;
    /** An entity's state before its first record. Never mutated. */
    readonly initial: S;
    /** The entity's next state. Must be pure and must not mutate `state`; return undefined to delete the entity. */
    evolve(state: S, record: LogRecord, key: string): S | undefined;
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
export declare function keyedStateView<S>(options: KeyedStateViewOptions<S>): ViewDefinition;

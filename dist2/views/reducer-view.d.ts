import type { LogRecord } from '../core/log/event-log.js';
import type { ViewDefinition } from '../core/view-engine/view-definition.js';
export interface ReducerViewOptions<S> {
    readonly name: string;
    readonly version: number;
    readonly description?: string;
    /** The state before the first record. Never mutated. */
    readonly initial: S;
    /** The next state. Must be pure and must not mutate `state`. */
    reduce(state: S, record: LogRecord): S;
}
/**
 * A reducer view.
 * @example
 * // Events per type: GET /views/type-counts/get -> { state: { deposit: 812, withdrawal: 188 } }
 * export const typeCounts = reducerView({
 *   name: 'type-counts', version: 1, initial: {} as Record<string, number>,
 *   reduce: (counts, record) => ({ ...counts, [record.type]: (counts[record.type] ?? 0) + 1 }),
 * });
 */
export declare function reducerView<S>(options: ReducerViewOptions<S>): ViewDefinition;

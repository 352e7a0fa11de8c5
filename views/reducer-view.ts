// Reducer view kind: one global state folded over the whole log (counts, totals), kept in memory for the length of
// a batch and written once per transaction.
import type { LogRecord } from '../core/log/event-log.js';
import type { QueryDefinition, TypedView } from '../core/view-engine/view-definition.js';

export interface ReducerViewOptions<S, N extends string = string> {
  readonly name: N;
  readonly version: number;
  readonly description?: string;
  /** The state before the first record. Never mutated. */
  readonly initial: S;
  /** The next state. Must be pure and must not mutate `state`. */
  reduce(state: S, record: LogRecord): S;
}

/** The query of a reducer view, typed for clients: `get` (no parameters) answers the state. */
export type ReducerQueries<S> = {
  readonly get: QueryDefinition<Record<string, never>, { state: S }, Record<string, never>>;
};

const STATE_KEY = 'state';

/**
 * A reducer view.
 * @example
 * // Events per type: GET /views/type-counts/get -> { state: { deposit: 812, withdrawal: 188 } }
 * export const typeCounts = reducerView({
 *   name: 'type-counts', version: 1, initial: {} as Record<string, number>,
 *   reduce: (counts, record) => ({ ...counts, [record.type]: (counts[record.type] ?? 0) + 1 }),
 * });
 */
export function reducerView<S, N extends string = string>(options: ReducerViewOptions<S, N>): TypedView<N, ReducerQueries<S>> {
  const { initial, reduce } = options;
  return {
    name: options.name,
    version: options.version,
    description: options.description,
    dbs: { state: {} },
    apply(record, ctx) {
      const state = ctx.batch.has(STATE_KEY) ? (ctx.batch.get(STATE_KEY) as S) : ((ctx.dbs.state!.get(STATE_KEY) as S | undefined) ?? initial);
      ctx.batch.set(STATE_KEY, reduce(state, record));
    },
    flush(ctx) {
      if (ctx.batch.has(STATE_KEY)) ctx.dbs.state!.put(STATE_KEY, ctx.batch.get(STATE_KEY));
    },
    queries: {
      get: {
        description: 'the current state',
        params: { type: 'object', additionalProperties: false, properties: {} },
        handler(_params: Record<string, never>, ctx) {
          return { state: (ctx.dbs.state!.get(STATE_KEY) as S | undefined) ?? initial };
        },
      },
    },
  };
}

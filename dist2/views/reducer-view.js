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
export function reducerView(options) {
    const { initial, reduce } = options;
    return {
        name: options.name,
        version: options.version,
        description: options.description,
        dbs: { state: {} },
        apply(record, ctx) {
            const state = ctx.batch.has(STATE_KEY) ? ctx.batch.get(STATE_KEY) : (ctx.dbs.state.get(STATE_KEY) ?? initial);
            ctx.batch.set(STATE_KEY, reduce(state, record));
        },
        flush(ctx) {
            if (ctx.batch.has(STATE_KEY))
                ctx.dbs.state.put(STATE_KEY, ctx.batch.get(STATE_KEY));
        },
        queries: {
            get: {
                description: 'the current state',
                params: { type: 'object', additionalProperties: false, properties: {} },
                handler(_params, ctx) {
                    return { state: ctx.dbs.state.get(STATE_KEY) ?? initial };
                },
            },
        },
    };
}
//# sourceMappingURL=reducer-view.js.map
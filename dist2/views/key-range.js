/** Params schema properties for selecting keys. */
export const KEY_SELECTION_SCHEMA = {
    prefix: { type: 'string', description: 'keys starting with this' },
    gte: { type: 'string', description: 'keys at or after this' },
    gt: { type: 'string', description: 'keys after this' },
    lte: { type: 'string', description: 'keys at or before this' },
    lt: { type: 'string', description: 'keys before this' },
};
/** Above every key that starts with `prefix` (keys are compared as UTF-8 bytes). */
const TOP = '\u{10ffff}';
function maxBound(a, b) {
    if (!a || !b)
        return a ?? b;
    if (a.key !== b.key)
        return Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)) > 0 ? a : b;
    return a.inclusive ? b : a;
}
function minBound(a, b) {
    if (!a || !b)
        return a ?? b;
    if (a.key !== b.key)
        return Buffer.compare(Buffer.from(a.key), Buffer.from(b.key)) < 0 ? a : b;
    return a.inclusive ? b : a;
}
/**
 * Range options over keys for `selection`, iterating in `reverse` or not, resuming strictly after `afterKey`.
 * The prefix bound is exclusive at `prefix + U+10FFFF`, so keys continuing past that code point are not matched.
 */
export function keyRange(selection, reverse, afterKey) {
    let lower = maxBound(selection.gte !== undefined ? { key: selection.gte, inclusive: true } : undefined, selection.gt !== undefined ? { key: selection.gt, inclusive: false } : undefined);
    let upper = minBound(selection.lte !== undefined ? { key: selection.lte, inclusive: true } : undefined, selection.lt !== undefined ? { key: selection.lt, inclusive: false } : undefined);
    if (selection.prefix !== undefined && selection.prefix !== '') {
        lower = maxBound(lower, { key: selection.prefix, inclusive: true });
        upper = minBound(upper, { key: selection.prefix + TOP, inclusive: false });
    }
    if (afterKey !== undefined) {
        if (reverse)
            upper = minBound(upper, { key: afterKey, inclusive: false });
        else
            lower = maxBound(lower, { key: afterKey, inclusive: false });
    }
    const [from, to] = reverse ? [upper, lower] : [lower, upper];
    const options = { reverse };
    if (from) {
        options.start = from.key;
        if (!from.inclusive)
            options.exclusiveStart = true;
    }
    if (to) {
        options.end = to.key;
        if (to.inclusive)
            options.inclusiveEnd = true;
    }
    return options;
}
//# sourceMappingURL=key-range.js.map
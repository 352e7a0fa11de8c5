import type { RangeOptions } from 'lmdb';
/** Params schema properties for selecting keys. */
export declare const KEY_SELECTION_SCHEMA: {
    readonly prefix: {
        readonly type: "string";
        readonly description: "keys starting with this";
    };
    readonly gte: {
        readonly type: "string";
        readonly description: "keys at or after this";
    };
    readonly gt: {
        readonly type: "string";
        readonly description: "keys after this";
    };
    readonly lte: {
        readonly type: "string";
        readonly description: "keys at or before this";
    };
    readonly lt: {
        readonly type: "string";
        readonly description: "keys before this";
    };
};
export interface KeySelection {
    readonly prefix?: string;
    readonly gte?: string;
    readonly gt?: string;
    readonly lte?: string;
    readonly lt?: string;
}
/**
 * Range options over keys for `selection`, iterating in `reverse` or not, resuming strictly after `afterKey`.
 * The prefix bound is exclusive at `prefix + U+10FFFF`, so keys continuing past that code point are not matched.
 */
export declare function keyRange(selection: KeySelection, reverse: boolean, afterKey?: string): RangeOptions;

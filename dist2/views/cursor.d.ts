export declare function encodeCursor(value: unknown): string;
/** Decodes a cursor and checks its shape with `valid`; a cursor that fails is a 400, never a crash. */
export declare function decodeCursor<T>(cursor: string, view: string, query: string, valid: (value: unknown) => value is T): T;
export declare const LIMIT_SCHEMA: {
    readonly type: "integer";
    readonly minimum: 1;
    readonly maximum: 10000;
    readonly default: 100;
    readonly description: "most results in one page (default 100)";
};
export declare const CURSOR_SCHEMA: {
    readonly type: "string";
    readonly minLength: 1;
    readonly description: "the cursor of the previous page";
};
export declare const REVERSE_SCHEMA: {
    readonly type: "boolean";
    readonly default: false;
    readonly description: "newest (highest) first";
};

/** Who may call a route: anyone, or keys holding the scope. */
export type RouteScope = 'public' | 'read' | 'append' | 'admin';
export type KeyScope = Exclude<RouteScope, 'public'>;
export declare const KEY_SCOPES: readonly KeyScope[];
/** A configured key as the server keeps it: never the key itself. */
export interface ApiKey {
    /** SHA-256 of the key, hex. */
    readonly digest: string;
    readonly scopes: readonly KeyScope[];
}
/** Who a request acts for: a key (named by its position, never by its value) and what it may do. */
export interface Principal {
    /** `key-1`, `key-2`, ... in configuration order; safe to log and to count by. */
    readonly id: string;
    readonly scopes: readonly KeyScope[];
}
/** Keys shorter than this are refused: a guessable key is no key. */
export declare const MIN_KEY_LENGTH = 16;
/** Longer keys are refused here, as bearerKey() refuses longer headers before hashing them. */
export declare const MAX_KEY_LENGTH = 512;
export declare function sha256(text: string): Buffer;
/** Parses one `key` or `key:scope,scope` spec; `field` names where it came from in errors (never the key). */
export declare function parseKeySpec(spec: string, field: string): ApiKey;
/** Parses SLUICE_API_KEYS-style text: specs separated by commas or newlines (a scope list follows its key's colon). */
export declare function parseKeyList(text: string, field: string): ApiKey[];
export type DigestCompare = (a: Buffer, b: Buffer) => boolean;
export declare class ApiKeyRing {
    #private;
    /** `compare` is a seam for tests that count comparisons; it defaults to crypto.timingSafeEqual. */
    constructor(keys: readonly ApiKey[], compare?: DigestCompare);
    /** Number of configured keys; 0 means access control is off. */
    get size(): number;
    /** The principal for a configured key id (for tokens minted earlier), or undefined. */
    principal(id: string): Principal | undefined;
    /** The principal whose key this is, or undefined. Same work for every input: one hash, one compare per key. */
    authenticate(presented: string): Principal | undefined;
}
/** The key in an `Authorization: Bearer <key>` header, or undefined for anything else. */
export declare function bearerKey(header: string | undefined): string | undefined;

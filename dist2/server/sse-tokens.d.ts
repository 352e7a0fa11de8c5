import type { ApiKeyRing, Principal } from '../config/api-keys.js';
export interface MintedToken {
    readonly token: string;
    /** ms since the epoch */
    readonly expiresAt: number;
}
/** Longer strings are not tokens this server minted; refuse them before any work. */
export declare const MAX_TOKEN_LENGTH = 512;
export declare class SseTokens {
    #private;
    constructor(ring: ApiKeyRing, ttlMs: number, now?: () => number);
    mint(principal: Principal): MintedToken;
    /** The principal a valid, unexpired token stands for (its scopes, within its key's), or undefined. */
    verify(token: string): Principal | undefined;
}

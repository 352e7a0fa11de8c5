// Short-lived tokens for browsers' EventSource, which cannot send an Authorization header: minted by an authenticated
// request, bound to its key and scopes, HMAC-signed with a random per-process secret, and expiring. A token is never
// a key: leaking one from a URL or a proxy log gives at most its remaining lifetime of reading.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
const MAC_BYTES = 32;
/** Longer strings are not tokens this server minted; refuse them before any work. */
export const MAX_TOKEN_LENGTH = 512;
export class SseTokens {
    #secret = randomBytes(32);
    #ring;
    #ttlMs;
    #now;
    constructor(ring, ttlMs, now = Date.now) {
        this.#ring = ring;
        this.#ttlMs = ttlMs;
        this.#now = now;
    }
    #mac(payload) {
        return createHmac('sha256', this.#secret).update(payload).digest();
    }
    mint(principal) {
        const expiresAt = this.#now() + this.#ttlMs;
        const claims = { k: principal.id, s: principal.scopes, e: expiresAt };
        const payload = Buffer.from(JSON.stringify(claims)).toString('base64url');
        return { token: `${payload}.${this.#mac(payload).toString('base64url')}`, expiresAt };
    }
    /** The principal a valid, unexpired token stands for (its scopes, within its key's), or undefined. */
    verify(token) {
        if (token.length > MAX_TOKEN_LENGTH)
            return undefined;
        const dot = token.indexOf('.');
        if (dot <= 0)
            return undefined;
        const payload = token.slice(0, dot);
        const mac = Buffer.from(token.slice(dot + 1), 'base64url');
        if (mac.length !== MAC_BYTES || !timingSafeEqual(mac, this.#mac(payload)))
            return undefined;
        let claims;
        try {
            claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        }
        catch {
            return undefined; // signed by us, so unreachable unless the secret leaked; refuse anyway
        }
        if (typeof claims.e !== 'number' || claims.e <= this.#now() || typeof claims.k !== 'string' || !Array.isArray(claims.s))
            return undefined;
        if (this.#ring.size === 0)
            return { id: claims.k, scopes: claims.s };
        const key = this.#ring.principal(claims.k);
        if (key === undefined)
            return undefined;
        return { id: key.id, scopes: claims.s.filter((s) => key.scopes.includes(s)) };
    }
}
//# sourceMappingURL=sse-tokens.js.map
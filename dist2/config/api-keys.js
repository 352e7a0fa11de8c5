// API keys: parsed from `key` / `key:read,append` specs, kept only as SHA-256 digests, and checked in constant time.
// Invariant: authenticate() hashes the presented key first (so its length never matters), then compares the digest
// with EVERY configured digest, accumulating the answer without an early exit.
import { createHash, timingSafeEqual } from 'node:crypto';
import { SluiceError } from '../core/errors.js';
export const KEY_SCOPES = ['read', 'append', 'admin'];
/** Keys shorter than this are refused: a guessable key is no key. */
export const MIN_KEY_LENGTH = 16;
/** Longer keys are refused here, as bearerKey() refuses longer headers before hashing them. */
export const MAX_KEY_LENGTH = 512;
const KEY_CHARS = /^[\x21-\x7e]+$/;
export function sha256(text) {
    return createHash('sha256').update(text, 'utf8').digest();
}
function invalid(field, reason) {
    return new SluiceError('CONFIG_INVALID', { field, reason });
}
/** Parses one `key` or `key:scope,scope` spec; `field` names where it came from in errors (never the key). */
export function parseKeySpec(spec, field) {
    const text = spec.trim();
    const colon = text.indexOf(':');
    const key = colon === -1 ? text : text.slice(0, colon);
    if (key.length < MIN_KEY_LENGTH || key.length > MAX_KEY_LENGTH || !KEY_CHARS.test(key) || key.includes(',')) {
        throw invalid(field, `has a key that is not ${MIN_KEY_LENGTH}-${MAX_KEY_LENGTH} printable characters without spaces, ':' or ',' (e.g. openssl rand -hex 32)`);
    }
    let scopes = [...KEY_SCOPES];
    if (colon !== -1) {
        const names = text.slice(colon + 1).split(',').map((s) => s.trim());
        const unknown = names.filter((n) => !KEY_SCOPES.includes(n));
        if (names.length === 0 || unknown.length > 0)
            throw invalid(field, `has a key with unknown scopes ${JSON.stringify(unknown)} (use ${KEY_SCOPES.join(', ')})`);
        scopes = KEY_SCOPES.filter((s) => names.includes(s));
    }
    return { digest: sha256(key).toString('hex'), scopes };
}
/** Parses SLUICE_API_KEYS-style text: specs separated by commas or newlines (a scope list follows its key's colon). */
export function parseKeyList(text, field) {
    // `a:read,append,b` is ambiguous only in appearance: a scope name never has 16+ characters, a key always does.
    const specs = [];
    for (const line of text.split('\n')) {
        const trimmed = line.trim();
        if (trimmed === '' || trimmed.startsWith('#'))
            continue;
        for (const part of trimmed.split(',')) {
            const piece = part.trim();
            if (piece === '')
                continue;
            if (KEY_SCOPES.includes(piece) && specs.length > 0 && specs[specs.length - 1].includes(':'))
                specs[specs.length - 1] += `,${piece}`;
            else
                specs.push(piece);
        }
    }
    return specs.map((spec, i) => parseKeySpec(spec, `${field} (key ${i + 1})`));
}
export class ApiKeyRing {
    #digests;
    #principals;
    #compare;
    /** `compare` is a seam for tests that count comparisons; it defaults to crypto.timingSafeEqual. */
    constructor(keys, compare = timingSafeEqual) {
        const seen = new Set();
        for (const key of keys) {
            if (seen.has(key.digest))
                throw invalid('apiKeys', 'lists the same key twice');
            seen.add(key.digest);
        }
        this.#digests = keys.map((k) => Buffer.from(k.digest, 'hex'));
        this.#principals = keys.map((k, i) => ({ id: `key-${i + 1}`, scopes: [...k.scopes] }));
        this.#compare = compare;
    }
    /** Number of configured keys; 0 means access control is off. */
    get size() {
        return this.#digests.length;
    }
    /** The principal for a configured key id (for tokens minted earlier), or undefined. */
    principal(id) {
        return this.#principals.find((p) => p.id === id);
    }
    /** The principal whose key this is, or undefined. Same work for every input: one hash, one compare per key. */
    authenticate(presented) {
        const digest = sha256(presented);
        let found = -1;
        for (let i = 0; i < this.#digests.length; i++) {
            const equal = this.#compare(digest, this.#digests[i]);
            // No early exit: the loop always runs to the end, whichever key (if any) matched.
            found = found === -1 && equal ? i : found;
        }
        return found === -1 ? undefined : this.#principals[found];
    }
}
/** The key in an `Authorization: Bearer <key>` header, or undefined for anything else. */
export function bearerKey(header) {
    if (header === undefined || header.length > MAX_KEY_LENGTH + 32)
        return undefined;
    const match = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header);
    return match?.[1];
}
//# sourceMappingURL=api-keys.js.map
// Caps on open live responses (streams and long-polls): one count for the server, one per API key. A slot is taken
// before the response starts (so a refusal is a clean 429) and given back exactly once when its connection closes.
// Invariant: an owner with no open slot has no entry, so the map never outgrows the open connections.
import { SluiceError } from '../core/errors.js';
export class LiveSlots {
    #maxTotal;
    #maxPerOwner;
    #byOwner = new Map();
    #total = 0;
    constructor(maxTotal, maxPerOwner) {
        this.#maxTotal = maxTotal;
        this.#maxPerOwner = maxPerOwner;
    }
    /** Open slots in all. */
    get size() {
        return this.#total;
    }
    /** Owners holding at least one slot. */
    get owners() {
        return this.#byOwner.size;
    }
    /** Takes a slot for `owner` (a key id; undefined when keys are off: only the global cap applies). */
    acquire(owner) {
        if (this.#total >= this.#maxTotal) {
            throw new SluiceError('HTTP_TOO_MANY_REQUESTS', { reason: `the server has ${this.#maxTotal} live responses open, its limit; retry later`, retryAfter: 1 });
        }
        const held = owner === undefined ? 0 : this.#byOwner.get(owner) ?? 0;
        if (owner !== undefined && held >= this.#maxPerOwner) {
            throw new SluiceError('HTTP_TOO_MANY_REQUESTS', { reason: `this key has ${this.#maxPerOwner} live responses open, its limit; close one first`, retryAfter: 1 });
        }
        this.#total++;
        if (owner !== undefined)
            this.#byOwner.set(owner, held + 1);
        let released = false;
        return () => {
            if (released)
                return;
            released = true;
            this.#total--;
            if (owner === undefined)
                return;
            const left = (this.#byOwner.get(owner) ?? 1) - 1;
            if (left === 0)
                this.#byOwner.delete(owner);
            else
                this.#byOwner.set(owner, left);
        };
    }
}
//# sourceMappingURL=live-slots.js.map
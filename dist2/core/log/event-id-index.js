// The ids of recent events, by stream, so an append that repeats them is acknowledged again instead of written twice.
// Derived from the log only (rebuilt by the writer's recovery scan), so it survives any crash the log survives.
// Invariant: entries are kept in offset order, which lets eviction stop at the first entry inside the window.
export class EventIdIndex {
    windowBytes;
    #entries = new Map();
    /** `windowBytes`: an id is remembered while its record lies within the last `windowBytes` of the log. */
    constructor(windowBytes) {
        this.windowBytes = windowBytes;
    }
    get size() {
        return this.#entries.size;
    }
    find(stream, id) {
        return this.#entries.get(`${stream}\n${id}`);
    }
    /** Records an id; must be called in offset order. */
    add(stream, id, offset, revision) {
        const key = `${stream}\n${id}`;
        this.#entries.delete(key);
        this.#entries.set(key, { offset, revision });
    }
    /** Forgets the ids of records that start before `end - windowBytes`. */
    evict(end) {
        const from = end - this.windowBytes;
        for (const [key, entry] of this.#entries) {
            if (entry.offset >= from)
                return;
            this.#entries.delete(key);
        }
    }
}
//# sourceMappingURL=event-id-index.js.map
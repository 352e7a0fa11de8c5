export declare class LiveSlots {
    #private;
    constructor(maxTotal: number, maxPerOwner: number);
    /** Open slots in all. */
    get size(): number;
    /** Owners holding at least one slot. */
    get owners(): number;
    /** Takes a slot for `owner` (a key id; undefined when keys are off: only the global cap applies). */
    acquire(owner: string | undefined): () => void;
}

export interface IdEntry {
    readonly offset: number;
    readonly revision: number;
}
export declare class EventIdIndex {
    #private;
    readonly windowBytes: number;
    /** `windowBytes`: an id is remembered while its record lies within the last `windowBytes` of the log. */
    constructor(windowBytes: number);
    get size(): number;
    find(stream: string, id: string): IdEntry | undefined;
    /** Records an id; must be called in offset order. */
    add(stream: string, id: string, offset: number, revision: number): void;
    /** Forgets the ids of records that start before `end - windowBytes`. */
    evict(end: number): void;
}

export interface LiveHandle {
    /** Ends the response gracefully (a stream finishes its current chunk; a long-poll answers now). */
    stop(): void;
}
export declare class LiveRegistry {
    #private;
    get size(): number;
    get closing(): boolean;
    /** The open live responses (LogStream instances among them). */
    handles(): IterableIterator<LiveHandle>;
    /** Registers a live response; returns the function that unregisters it. Ends it at once when shutting down. */
    add(handle: LiveHandle): () => void;
    /** Marks the server as closing and ends every open live response. */
    closeAll(): void;
}

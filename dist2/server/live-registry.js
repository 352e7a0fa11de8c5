// Tracks every open live response (streams and long-polls) so shutdown can end them: fastify.close() waits for
// open connections, and a live stream never ends by itself. The caps on live connections are in live-slots.ts.
export class LiveRegistry {
    #open = new Set();
    #closing = false;
    get size() {
        return this.#open.size;
    }
    get closing() {
        return this.#closing;
    }
    /** The open live responses (LogStream instances among them). */
    handles() {
        return this.#open.values();
    }
    /** Registers a live response; returns the function that unregisters it. Ends it at once when shutting down. */
    add(handle) {
        this.#open.add(handle);
        if (this.#closing)
            queueMicrotask(() => handle.stop());
        return () => {
            this.#open.delete(handle);
        };
    }
    /** Marks the server as closing and ends every open live response. */
    closeAll() {
        this.#closing = true;
        for (const handle of [...this.#open])
            handle.stop();
    }
}
//# sourceMappingURL=live-registry.js.map
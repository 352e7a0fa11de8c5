// Tracks every open live response (streams and long-polls) so shutdown can end them: fastify.close() waits for
// open connections, and a live stream never ends by itself. The caps on live connections are in live-slots.ts.

export interface LiveHandle {
  /** Ends the response gracefully (a stream finishes its current chunk; a long-poll answers now). */
  stop(): void;
  /** The connection it answers on: cut when a client that stopped reading keeps the response from finishing. */
  readonly socket?: { destroy(): void } | null;
}

export class LiveRegistry {
  readonly #open = new Set<LiveHandle>();
  #closing = false;

  get size(): number {
    return this.#open.size;
  }

  get closing(): boolean {
    return this.#closing;
  }

  /** The open live responses (LogStream instances among them). */
  handles(): IterableIterator<LiveHandle> {
    return this.#open.values();
  }

  /** Registers a live response; returns the function that unregisters it. Ends it at once when shutting down. */
  add(handle: LiveHandle): () => void {
    this.#open.add(handle);
    if (this.#closing) queueMicrotask(() => handle.stop());
    return () => {
      this.#open.delete(handle);
    };
  }

  /** Marks the server as closing and ends every open live response. */
  closeAll(): void {
    this.#closing = true;
    for (const handle of [...this.#open]) handle.stop();
  }

  /**
   * Cuts the connections of the live responses still open (their clients stopped reading, so they never finish).
   * Other requests in flight, appends among them, are left to finish.
   */
  cutAll(): void {
    for (const handle of [...this.#open]) handle.socket?.destroy();
  }
}

// Shutdown's step before `shutdownTimeoutMs` runs out: after a grace period, the connections nothing waits on are
// cut. A live response whose client stopped reading never finishes, and an idle keep-alive connection holds
// server.close(); a connection whose request is still being answered (an append, a query waiting for `after=`) is
// left to finish.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import type { LiveRegistry } from './live-registry.js';

export class ConnectionCutter {
  readonly #sockets = new Set<Socket>();
  readonly #answering = new Map<Socket, number>();

  constructor(server: Server) {
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => {
        this.#sockets.delete(socket);
        this.#answering.delete(socket);
      });
    });
  }

  /** A request on `socket` is being answered; the function returned says it is done (once). */
  answering(socket: Socket): () => void {
    this.#answering.set(socket, (this.#answering.get(socket) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.#answering.get(socket) ?? 1) - 1;
      if (left > 0) this.#answering.set(socket, left);
      else this.#answering.delete(socket);
    };
  }

  /** Cuts the live responses still open, and every connection with no request being answered. */
  cut(live: LiveRegistry): void {
    live.cutAll();
    for (const socket of this.#sockets) if (!this.#answering.has(socket)) socket.destroy();
  }
}

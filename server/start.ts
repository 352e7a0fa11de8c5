// startServer(): listen at once (503 "not ready" while the log recovers), open the store, serve the app, and shut
// down gracefully on SIGTERM/SIGINT: stop accepting, end live streams, let in-flight appends finish, sync the log, exit 0.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics } from 'prom-client';
import { openStore } from '../core/store.js';
import type { Store } from '../core/store-api.js';
import { BootGate, type RequestHandler } from './boot-gate.js';
import { buildApp } from './build-app.js';
import { resolveConfig, type ServerConfigInput } from './config.js';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly server: Server;
  /** e.g. http://127.0.0.1:7070 */
  readonly url: string;
  /** Graceful shutdown; resolves once the log is synced and closed. Safe to call twice. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Install SIGTERM/SIGINT handlers that close gracefully and exit (default true; tests in-process pass false). */
  readonly handleSignals?: boolean;
  /** Called once the socket listens, before the store opens (the server answers 503 until it is ready). */
  readonly onListening?: (url: string) => void | Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      const hostname = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${hostname}:${address.port}`);
    });
  });
}

function closeServer(server: Server, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

export async function startServer(input: ServerConfigInput = {}, options: StartOptions = {}): Promise<RunningServer> {
  const config = resolveConfig(input);
  const gate = new BootGate();
  const server = createServer({ keepAliveTimeout: 72_000 }, gate.listener);
  const url = await listen(server, config.host, config.port);
  let store: Store;
  let app: FastifyInstance;
  try {
    await options.onListening?.(url);
    store = await openStore({ dataDir: config.dataDir, fsync: config.fsync, plugins: config.plugins });
    let handler: RequestHandler | undefined;
    app = buildApp({ store, config, serverFactory: (h) => { handler = h; return server; } });
    try {
      await app.ready();
    } catch (err) {
      await store.close();
      throw err;
    }
    gate.open(handler!);
  } catch (err) {
    await closeServer(server, 0);
    throw err;
  }
  app.log.info({ url, dataDir: config.dataDir, fsync: config.fsync }, 'sluice listening');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = closeServer(server, config.shutdownTimeoutMs);
      await app.close(); // preClose ends live streams; new requests on open connections get 503
      server.closeIdleConnections();
      await stopped; // in-flight requests (appends) have finished
      await store.log.sync();
      await store.close();
    })();
    return closing;
  };

  if (options.handleSignals ?? true) {
    collectDefaultMetrics({ register: app.sluice.metrics.registry });
    const onSignal = (signal: NodeJS.Signals): void => {
      app.log.info({ signal }, 'shutting down');
      close().then(() => process.exit(0), (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
    };
    process.once('SIGTERM', onSignal);
    process.once('SIGINT', onSignal);
  }
  return { app, store, server, url, close };
}

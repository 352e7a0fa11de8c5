// startServer(): listen at once (503 "not ready" while the log recovers), open the store, serve the app, and shut
// down gracefully on SIGTERM/SIGINT: stop accepting, end live streams, let in-flight appends finish, sync the log, exit 0.
// It refuses to listen beyond loopback without API keys, and sets the timeouts that close slow-loris connections.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics } from 'prom-client';
import { openStore } from '../store/open-store.js';
import { DeferredLogger } from './deferred-logger.js';
import { removeServerAddress, writeServerAddress } from '../config/server-address.js';
import type { Store, StoreOptions } from '../core/store-api.js';
import { SluiceError } from '../core/errors.js';
import { ApiKeyRing } from '../config/api-keys.js';
import { BootGate, type RequestHandler } from './boot-gate.js';
import { buildApp } from './build-app.js';
import { clusterMode } from '../config/cluster-config.js';
import { isLoopbackHost } from './loopback.js';
import { configuredKeys, resolveConfig, type ServerConfig, type ServerConfigInput } from '../config/config.js';

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
  /** Opens the store instead of the embedded single-node one (cluster mode: `sluice serve` passes openClusterStore). */
  readonly openStore?: (options: StoreOptions, config: ServerConfig) => Promise<Store>;
}

/** Throws SLUICE_ERR_AUTH_INSECURE_BIND for a reachable address with no keys, unless the risk was accepted. */
export function checkBind(config: ServerConfig, keys: ApiKeyRing): void {
  if (keys.size === 0 && !config.allowInsecureNoAuth && !isLoopbackHost(config.host)) throw new SluiceError('AUTH_INSECURE_BIND', { host: config.host });
}

/** The http.Server with this config's timeouts: a request must arrive in time, an idle connection is closed. */
function createTimedServer(config: ServerConfig, listener: RequestHandler): Server {
  const { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs, connectionTimeoutMs } = config.limits;
  const server = createServer({
    requestTimeout: requestTimeoutMs, headersTimeout: headersTimeoutMs, keepAliveTimeout: keepAliveTimeoutMs,
    // Node checks those deadlines on this interval (default 30 s); check often enough to honour short ones.
    connectionsCheckingInterval: Math.min(30_000, Math.max(100, Math.floor(headersTimeoutMs / 4))),
  }, listener);
  if (connectionTimeoutMs > 0) server.setTimeout(connectionTimeoutMs);
  return server;
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
  if (clusterMode(config.cluster) !== undefined && options.openStore === undefined) throw new SluiceError('CONFIG_INVALID', { field: 'cluster', reason: 'is served by `sluice serve` (this entry point runs single-node only)' });
  const keys = new ApiKeyRing(configuredKeys(config));
  checkBind(config, keys);
  const gate = new BootGate();
  const server = createTimedServer(config, gate.listener);
  const url = await listen(server, config.host, config.port);
  let store: Store;
  let app: FastifyInstance;
  try {
    await options.onListening?.(url);
    const storeLogger = new DeferredLogger();
    const storeOptions: StoreOptions = {
      dataDir: config.dataDir, fsync: config.fsync, plugins: config.plugins, logger: storeLogger,
      ...(config.retention ? { retention: config.retention } : {}),
      ...(config.views.skipDamaged ? { skipDamaged: true } : {}),
      ...(config.views.worker ? { viewWorker: true } : {}),
    };
    store = options.openStore === undefined ? await openStore(storeOptions) : await options.openStore(storeOptions, config);
    let handler: RequestHandler | undefined;
    app = buildApp({ store, config, keys, serverFactory: (h) => { handler = h; return server; } });
    storeLogger.attach(app.log);
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
  writeServerAddress(config.dataDir, url);
  app.log.info({ url, dataDir: config.dataDir, fsync: config.fsync, apiKeys: keys.size }, 'sluice listening');
  if (keys.size === 0 && !isLoopbackHost(config.host)) app.log.warn({ host: config.host }, 'listening beyond loopback with no API keys (SLUICE_ALLOW_INSECURE_NO_AUTH)');

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= (async () => {
      const stopped = closeServer(server, config.shutdownTimeoutMs);
      await app.close(); // preClose ends live streams; new requests on open connections get 503
      server.closeIdleConnections();
      await stopped; // in-flight requests (appends) have finished
      await store.log.sync();
      await store.close();
      removeServerAddress(config.dataDir);
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

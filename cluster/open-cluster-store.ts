// Opens a node in cluster mode: connect to NATS (failing fast, naming the URLs), open the local store, find or
// create the JetStream stream, check the local log against it, then follow it in the background.
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { ClusterConfig } from '../config/cluster-config.js';
import { silentLogger } from '../core/logger.js';
import type { StoreOptions } from '../core/store-api.js';
import { TOKENS } from '../core/tokens.js';
import { openStore } from '../store/open-store.js';
import { ClusterAppender } from './cluster-appender.js';
import { ClusterMonitor } from './cluster-monitor.js';
import { ClusterStore } from './cluster-store.js';
import { JetStreamFollower } from './jetstream-follower.js';
import { connectNats } from './nats-connection.js';
import { ensureStream, subjectOf } from './stream-setup.js';

export interface ClusterStoreOptions extends StoreOptions {
  readonly cluster: ClusterConfig;
  /** How often the stream's status is asked for (default 1000 ms). */
  readonly monitorIntervalMs?: number;
}

export async function openClusterStore(options: ClusterStoreOptions): Promise<ClusterStore> {
  const { cluster } = options;
  const logger = options.logger ?? silentLogger;
  const nc = await connectNats(cluster.servers, `sluice pid ${process.pid}`);
  let local;
  try {
    const jsm = await jetstreamManager(nc, { timeout: 2000, checkAPI: false });
    const js = jetstream(nc, { timeout: 3000 });
    const info = await ensureStream(jsm, cluster, logger);
    // Retention would drop segments of this node's copy only, which the follower checks against the stream.
    if (options.retention) logger.warn({ retention: options.retention }, 'cluster mode: retention is not applied (the JetStream stream keeps the log)');
    local = await openStore({ ...options, readOnly: false, retention: undefined });
    const follower = new JetStreamFollower({ js, stream: cluster.stream, log: local.log, dataDir: options.dataDir, logger });
    follower.start(info.state.first_seq, info.state.last_seq);
    const appender = new ClusterAppender({
      js, subject: subjectOf(cluster.stream), log: local.log, follower, appendTimeoutMs: cluster.appendTimeoutMs,
      maxPayload: () => nc.info?.max_payload ?? 1024 * 1024,
    });
    const monitor = new ClusterMonitor({
      nc, jsm, stream: cluster.stream, servers: cluster.servers, follower, log: local.log, counters: appender.counters, intervalMs: options.monitorIntervalMs,
    });
    monitor.start(info);
    const store = new ClusterStore(local, nc, appender, follower, monitor);
    // Plugins that resolve the store append through the cluster too, never to the local copy alone.
    local.container.register(TOKENS.Store, { useValue: store });
    return store;
  } catch (err) {
    await local?.close();
    await nc.close();
    throw err;
  }
}

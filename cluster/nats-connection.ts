// Connects to NATS: the first connection must succeed (or start-up fails naming the URLs); after that the client
// reconnects forever, failing over between the servers it knows, while the node keeps serving reads.
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { SluiceError } from '../core/errors.js';

export async function connectNats(servers: readonly string[], name: string): Promise<NatsConnection> {
  try {
    return await connect({
      servers: [...servers], name, timeout: 5000,
      maxReconnectAttempts: -1, reconnectTimeWait: 250, reconnectJitter: 100,
      pingInterval: 5000, maxPingOut: 2,
      // The stack captured per request is measurable on the publish path (docs/cluster.md, bench).
      noAsyncTraces: true,
    });
  } catch (err) {
    throw new SluiceError('CLUSTER_NATS_UNREACHABLE', { url: servers.join(','), reason: (err as Error).message }, { cause: err });
  }
}

// Finds (or creates) the JetStream stream that holds the log. A fresh cluster may need a moment before JetStream
// answers (meta leader election), so this retries until its deadline.
import { JetStreamApiError, type JetStreamManager, type StreamInfo, RetentionPolicy, StorageType, DiscardPolicy } from '@nats-io/jetstream';
import { SluiceError } from '../core/errors.js';
import type { ClusterConfig } from '../config/cluster-config.js';
import type { Logger } from '../core/logger.js';

const STREAM_NOT_FOUND = 10059;

/** The one subject the stream's messages are published on. */
export function subjectOf(stream: string): string {
  return `sluice.${stream}.append`;
}

export async function ensureStream(jsm: JetStreamManager, config: ClusterConfig, logger: Logger, timeoutMs = 30_000): Promise<StreamInfo> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt++) {
    try {
      try {
        const info = await jsm.streams.info(config.stream);
        if (info.config.num_replicas !== config.replicas) {
          logger.warn({ stream: config.stream, replicas: info.config.num_replicas, configured: config.replicas }, 'cluster: the stream exists with another replica count; keeping it');
        }
        return info;
      } catch (err) {
        if (!(err instanceof JetStreamApiError && err.code === STREAM_NOT_FOUND)) throw err;
      }
      logger.info({ stream: config.stream, replicas: config.replicas }, 'cluster: creating the stream');
      return await jsm.streams.add({
        name: config.stream, subjects: [subjectOf(config.stream)], num_replicas: config.replicas,
        storage: StorageType.File, retention: RetentionPolicy.Limits, discard: DiscardPolicy.Old,
        max_msgs: -1, max_bytes: -1, max_age: 0, duplicate_window: 120_000_000_000,
      });
    } catch (err) {
      if (Date.now() >= deadline) {
        throw new SluiceError('CLUSTER_UNAVAILABLE', { timeout: timeoutMs, reason: `JetStream stream ${config.stream}: ${(err as Error).message}` }, { cause: err });
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 100 * 2 ** attempt)));
    }
  }
}

// This node's view of the cluster for GET /cluster, /ready and /metrics: the NATS connection, the stream as
// JetStream last described it (asked every `intervalMs`), and the follower's position.
import type { JetStreamManager, StreamInfo } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { ClusterCounters, ClusterNode, ClusterStatus, ClusterStreamStatus } from '../core/cluster-api.js';
import type { EventLog } from '../core/log/event-log.js';
import type { AppendCounters } from './cluster-appender.js';
import type { JetStreamFollower } from './jetstream-follower.js';

export interface MonitorOptions {
  readonly nc: NatsConnection;
  readonly jsm: JetStreamManager;
  readonly stream: string;
  readonly servers: readonly string[];
  readonly follower: JetStreamFollower;
  readonly log: EventLog;
  readonly counters: AppendCounters;
  readonly intervalMs?: number;
}

function streamStatus(info: StreamInfo): ClusterStreamStatus {
  return {
    name: info.config.name,
    replicas: info.config.num_replicas,
    leader: info.cluster?.leader ?? null,
    followers: (info.cluster?.replicas ?? []).map((peer) => ({
      name: peer.name, current: peer.current, activeSeconds: Math.round((peer.active ?? 0) / 1e6) / 1e3, ...(peer.lag === undefined ? {} : { lag: peer.lag }),
    })),
    lastSequence: info.state.last_seq,
    messages: info.state.messages,
    bytes: info.state.bytes,
  };
}

export class ClusterMonitor implements ClusterNode {
  private stream: ClusterStreamStatus | null = null;
  private streamError: string | undefined;
  private checkedAt: number | null = null;
  private connected = true;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  private closed = false;

  constructor(private readonly options: MonitorOptions) {}

  /** Starts watching the connection and polling the stream; `first` is the info read at start-up. */
  start(first: StreamInfo): void {
    this.record(first);
    void (async () => {
      for await (const status of this.options.nc.status()) {
        if (status.type === 'disconnect') this.connected = false;
        else if (status.type === 'reconnect') this.connected = true;
      }
    })().catch(() => undefined);
    const tick = (): void => {
      this.polling = this.poll().finally(() => {
        if (!this.closed) this.timer = setTimeout(tick, this.options.intervalMs ?? 1000).unref();
      });
    };
    this.timer = setTimeout(tick, this.options.intervalMs ?? 1000).unref();
  }

  private record(info: StreamInfo): void {
    this.stream = streamStatus(info);
    this.options.follower.noteSequence(this.stream.lastSequence);
    this.streamError = this.stream.leader === null ? 'the stream has no leader' : undefined;
    this.checkedAt = Date.now();
  }

  private async poll(): Promise<void> {
    try {
      this.record(await this.options.jsm.streams.info(this.options.stream));
    } catch (err) {
      this.streamError = (err as Error).message;
    }
  }

  async status(): Promise<ClusterStatus> {
    await this.poll();
    return this.snapshot();
  }

  snapshot(): ClusterStatus {
    const { follower, log, nc, servers } = this.options;
    const last = this.stream?.lastSequence ?? follower.applied;
    const error = follower.error;
    return {
      mode: 'cluster',
      connectedTo: this.connected && !nc.isClosed() ? nc.getServer() : null,
      servers,
      stream: this.stream,
      ...(this.streamError === undefined ? {} : { streamError: this.streamError }),
      checkedAt: this.checkedAt,
      node: {
        appliedSequence: follower.applied,
        localEnd: log.end,
        lagMessages: Math.max(0, last - follower.applied),
        following: error === undefined,
        caughtUp: follower.caughtUp,
        ...(error === undefined ? {} : { error: error.message }),
      },
    };
  }

  counters(): ClusterCounters {
    const { appendsAcknowledged, publishRetries, appendsUnavailable, conflictsRetried } = this.options.counters;
    return { appendsAcknowledged, publishRetries, appendsUnavailable, conflictsRetried };
  }

  notReadyReason(): string | undefined {
    const { follower, nc } = this.options;
    if (follower.error) return `stopped following the cluster log: ${follower.error.message}`;
    if (!this.connected || nc.isClosed()) return 'not connected to NATS (reconnecting)';
    if (this.streamError !== undefined) return `JetStream stream ${this.options.stream} unavailable (no quorum or electing a leader): ${this.streamError}`;
    if (!follower.caughtUp) return `catching up with the cluster log (applied ${follower.applied} of ${this.stream?.lastSequence ?? '?'})`;
    return undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
  }
}

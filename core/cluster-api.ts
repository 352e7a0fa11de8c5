// What a store in cluster mode tells the server and the CLI about the cluster (docs/cluster.md). The server knows
// only this interface, never NATS: `GET /cluster`, `/ready` and the cluster metrics read it.

export interface ClusterReplica {
  readonly name: string;
  /** JetStream's view of whether the replica has everything (unreliable while it catches up). */
  readonly current: boolean;
  /** Seconds since the leader last heard from it. */
  readonly activeSeconds: number;
  readonly lag?: number;
}

export interface ClusterStreamStatus {
  readonly name: string;
  readonly replicas: number;
  /** The server that leads the stream now; null during an election or without quorum. */
  readonly leader: string | null;
  readonly followers: readonly ClusterReplica[];
  /** The last sequence JetStream stored (every node applies 1..lastSequence in order). */
  readonly lastSequence: number;
  readonly messages: number;
  readonly bytes: number;
}

export interface ClusterNodeStatus {
  /** The last JetStream sequence this node applied to its local log. */
  readonly appliedSequence: number;
  /** The local log's end (the same offset on every node that applied the same sequence). */
  readonly localEnd: number;
  /** Messages JetStream holds that this node has not applied yet (from the last stream status). */
  readonly lagMessages: number;
  readonly following: boolean;
  /** True once the node has applied everything the stream held when it started. */
  readonly caughtUp: boolean;
  readonly error?: string;
}

export interface ClusterStatus {
  readonly mode: 'cluster';
  /** The NATS server this node is connected to now; null while disconnected. */
  readonly connectedTo: string | null;
  readonly servers: readonly string[];
  /** The stream as JetStream last described it; null when it could not be asked (no quorum, disconnected). */
  readonly stream: ClusterStreamStatus | null;
  /** Why the stream could not be described, when `stream` is null or stale. */
  readonly streamError?: string;
  /** Milliseconds since epoch of the last successful stream status. */
  readonly checkedAt: number | null;
  readonly node: ClusterNodeStatus;
}

export interface ClusterCounters {
  readonly appendsAcknowledged: number;
  readonly publishRetries: number;
  readonly appendsUnavailable: number;
  readonly conflictsRetried: number;
}

export interface ClusterNode {
  /** The freshest status (asks JetStream, with a short timeout). */
  status(): Promise<ClusterStatus>;
  /** The status as last seen, without asking anyone (for metrics). */
  snapshot(): ClusterStatus;
  counters(): ClusterCounters;
  /** Why this node should not get traffic now (disconnected, no leader, catching up, stopped); undefined when ready. */
  notReadyReason(): string | undefined;
}

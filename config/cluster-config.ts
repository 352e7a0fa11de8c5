// The `cluster` section of the configuration: the NATS servers whose JetStream stream is the replicated log, the
// stream's name and replica count, and how long a node keeps trying to get an append stored. Absent: single node.
import { SluiceError } from '../core/errors.js';

export interface ClusterConfig {
  /**
   * NATS URLs (`nats://host:port`); the client connects to any of them and fails over between them. Empty: the other
   * settings wait for servers (SLUICE_NATS_URL, --nats) and the node runs single-node.
   */
  readonly servers: readonly string[];
  /** The JetStream stream that holds the log (created with `replicas` when missing). */
  readonly stream: string;
  /** Copies JetStream keeps of every append before it is acknowledged (1, 3 or 5 in practice). */
  readonly replicas: number;
  /** How long a node retries an append (through a leader election) before answering 503, in ms. */
  readonly appendTimeoutMs: number;
}

export type ClusterConfigInput = Partial<Omit<ClusterConfig, 'servers'>> & { readonly servers?: string | readonly string[] };

export const CLUSTER_DEFAULTS = { stream: 'SLUICE', replicas: 3, appendTimeoutMs: 15_000 } as const;
const FIELDS = ['servers', 'stream', 'replicas', 'appendTimeoutMs'];
/** JetStream stream names: no whitespace, dots, wildcards or path separators. */
const STREAM_NAME = /^[A-Za-z0-9_-]{1,64}$/;

function invalid(field: string, reason: string): SluiceError {
  return new SluiceError('CONFIG_INVALID', { field, reason });
}

function serverList(field: string, value: unknown): string[] {
  const list = typeof value === 'string' ? value.split(',') : value;
  if (!Array.isArray(list)) throw invalid(field, 'must be a NATS URL or a list of them');
  if (list.length === 0) return [];
  const urls = list.map((entry: unknown) => (typeof entry === 'string' ? entry.trim() : ''));
  if (urls.some((url) => url === '' || /\s/.test(url))) {
    throw invalid(field, `must list one or more NATS URLs such as nats://127.0.0.1:4222 (got ${JSON.stringify(value)})`);
  }
  return urls;
}

function integer(field: string, value: unknown, min: number, max: number): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min || n > max) throw invalid(field, `must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`);
  return n;
}

/** Validates a cluster section over `base` (the file's section under the environment's); null turns cluster mode off. */
export function resolveClusterConfig(input: unknown, base: ClusterConfig | null, field: string): ClusterConfig | null {
  if (input === undefined) return base;
  if (input === null) return null;
  if (typeof input !== 'object' || Array.isArray(input)) throw invalid(field, 'must be an object such as {"servers": ["nats://127.0.0.1:4222"]}');
  const section = input as Record<string, unknown>;
  for (const key of Object.keys(section)) if (!FIELDS.includes(key)) throw invalid(`${field}.${key}`, 'is not a known cluster setting');
  const servers = section.servers ?? base?.servers ?? [];
  const stream = section.stream ?? base?.stream ?? CLUSTER_DEFAULTS.stream;
  if (typeof stream !== 'string' || !STREAM_NAME.test(stream)) throw invalid(`${field}.stream`, `must be 1-64 letters, digits, _ or - (got ${JSON.stringify(stream)})`);
  return {
    servers: serverList(`${field}.servers`, servers),
    stream,
    replicas: integer(`${field}.replicas`, section.replicas ?? base?.replicas ?? CLUSTER_DEFAULTS.replicas, 1, 5),
    appendTimeoutMs: integer(`${field}.appendTimeoutMs`, section.appendTimeoutMs ?? base?.appendTimeoutMs ?? CLUSTER_DEFAULTS.appendTimeoutMs, 100, 600_000),
  };
}

/** The cluster settings when cluster mode is on (servers named), else undefined. */
export function clusterMode(cluster: ClusterConfig | null): ClusterConfig | undefined {
  return cluster !== null && cluster.servers.length > 0 ? cluster : undefined;
}

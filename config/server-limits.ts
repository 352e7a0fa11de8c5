// The `limits` section of the configuration: what one request, one client or one connection may ask of the server.
// Every limit has a default and a range; docs/operations.md lists them.
import { invalid, positiveInt } from './config-values.js';

/** Bounds on what one request, one client or one connection may ask of the server (all have defaults). */
export interface ServerLimits {
  /** Largest request body accepted, in bytes (413 beyond, also for chunked bodies). */
  readonly maxBodyBytes: number;
  /** Largest `limit` for a JSON page of records; larger values are clamped. */
  readonly maxPageSize: number;
  /** Default `limit` for a JSON page. */
  readonly defaultPageSize: number;
  /** Longest `wait` / `timeout` a request may ask for, in ms. */
  readonly maxWaitMs: number;
  /** Idle interval between heartbeats on live streams, in ms. */
  readonly heartbeatMs: number;
  /** Most events in one append request. */
  readonly maxBatchEvents: number;
  /** Longest stream name (the log's own limit, 200, is the most). */
  readonly maxStreamNameLength: number;
  /** Longest event type (the log's own limit, 256, is the most). */
  readonly maxTypeLength: number;
  /** Largest `meta` of one event, as JSON bytes. */
  readonly maxMetaBytes: number;
  /** Most tags on one event. */
  readonly maxTags: number;
  /** Longest tag. */
  readonly maxTagLength: number;
  /** Deepest nesting of arrays and objects in an event's `data` or `meta`. */
  readonly maxJsonDepth: number;
  /** Open live responses (streams, long-polls) for the whole server; 429 beyond. */
  readonly maxLiveConnections: number;
  /** Open live responses per API key; 429 beyond. */
  readonly maxLiveConnectionsPerKey: number;
  /** Requests per key (or per client IP without one) per window; 0 turns rate limiting off. */
  readonly rateLimitMax: number;
  readonly rateLimitWindowMs: number;
  /** Mean event-loop delay beyond which requests are shed with 503 (never /health); 0 turns shedding off. */
  readonly maxEventLoopDelayMs: number;
  /** Event-loop lag from which log streams wait before each chunk, so writers keep the loop; 0 turns it off. */
  readonly readerPaceLagMs: number;
  /** Time to receive a whole request (headers and body). */
  readonly requestTimeoutMs: number;
  /** Time to receive a request's headers (slow-loris). */
  readonly headersTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  readonly keepAliveTimeoutMs: number;
  /** A connection silent this long is closed (live responses excepted); 0 turns it off. */
  readonly connectionTimeoutMs: number;
}

const MIB = 1024 * 1024;

export const DEFAULT_LIMITS: ServerLimits = {
  maxBodyBytes: 64 * MIB, maxPageSize: 10_000, defaultPageSize: 100, maxWaitMs: 60_000, heartbeatMs: 15_000, maxBatchEvents: 10_000,
  maxStreamNameLength: 200, maxTypeLength: 200, maxMetaBytes: 64 * 1024, maxTags: 64, maxTagLength: 200, maxJsonDepth: 100,
  maxLiveConnections: 1000, maxLiveConnectionsPerKey: 100, rateLimitMax: 10_000, rateLimitWindowMs: 10_000, maxEventLoopDelayMs: 1000, readerPaceLagMs: 50,
  requestTimeoutMs: 120_000, headersTimeoutMs: 20_000, keepAliveTimeoutMs: 72_000, connectionTimeoutMs: 120_000,
};

/** [min, max] of each limit. */
const LIMIT_RANGES: Record<keyof ServerLimits, readonly [number, number?]> = {
  maxBodyBytes: [1], maxPageSize: [1], defaultPageSize: [1], maxWaitMs: [0], heartbeatMs: [1], maxBatchEvents: [1],
  maxStreamNameLength: [1, 200], maxTypeLength: [1, 256], maxMetaBytes: [2], maxTags: [0], maxTagLength: [1], maxJsonDepth: [1, 1000],
  maxLiveConnections: [1], maxLiveConnectionsPerKey: [1], rateLimitMax: [0], rateLimitWindowMs: [1], maxEventLoopDelayMs: [0], readerPaceLagMs: [0],
  requestTimeoutMs: [1], headersTimeoutMs: [1], keepAliveTimeoutMs: [1], connectionTimeoutMs: [0],
};
const LIMIT_FIELDS = Object.keys(LIMIT_RANGES);

/** Validates a `limits` section (and the top-level `maxBodyBytes`, which wins) over `base`. */
export function resolveLimits(limitsInput: unknown, maxBodyBytes: unknown, base: ServerLimits, f: (name: string) => string): ServerLimits {
  const limitsIn = (limitsInput ?? {}) as Record<string, unknown>;
  if (limitsIn === null || typeof limitsIn !== 'object' || Array.isArray(limitsIn)) throw invalid(f('limits'), 'must be an object');
  for (const key of Object.keys(limitsIn)) if (!LIMIT_FIELDS.includes(key)) throw invalid(f(`limits.${key}`), 'is not a known limit');
  const out: Record<string, number> = {};
  for (const [key, [min, max]] of Object.entries(LIMIT_RANGES) as Array<[keyof ServerLimits, readonly [number, number?]]>) {
    const topLevel = key === 'maxBodyBytes' && maxBodyBytes !== undefined;
    let value = topLevel ? maxBodyBytes : limitsIn[key] ?? base[key];
    // A lowered cap lowers the default page with it unless the default is set too.
    if (key === 'defaultPageSize' && limitsIn.defaultPageSize === undefined) value = Math.min(base.defaultPageSize, out.maxPageSize ?? 1);
    out[key] = positiveInt(topLevel ? f('maxBodyBytes') : f(`limits.${key}`), value, min, max);
  }
  const limits = out as unknown as ServerLimits;
  if (limits.defaultPageSize > limits.maxPageSize) throw invalid(f('limits.defaultPageSize'), `must not exceed limits.maxPageSize (${limits.maxPageSize})`);
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) throw invalid(f('limits.headersTimeoutMs'), `must not exceed limits.requestTimeoutMs (${limits.requestTimeoutMs})`);
  if (limits.connectionTimeoutMs !== 0 && limits.connectionTimeoutMs <= limits.maxWaitMs) {
    throw invalid(f('limits.connectionTimeoutMs'), `must be 0 (off) or longer than limits.maxWaitMs (${limits.maxWaitMs}), or waiting requests would be cut`);
  }
  return limits;
}

/** `origins` as a list of exact origins, or `*` alone; `*` only when no API keys are configured. */

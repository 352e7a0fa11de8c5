import type { DurabilityMode } from '../core/log/event-log.js';
import { type ApiKey } from './api-keys.js';
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
    /** Time to receive a whole request (headers and body). */
    readonly requestTimeoutMs: number;
    /** Time to receive a request's headers (slow-loris). */
    readonly headersTimeoutMs: number;
    /** How long an idle keep-alive connection stays open. */
    readonly keepAliveTimeoutMs: number;
    /** A connection silent this long is closed (live responses excepted); 0 turns it off. */
    readonly connectionTimeoutMs: number;
}
export interface ServerConfig {
    readonly dataDir: string;
    readonly host: string;
    readonly port: number;
    readonly fsync: DurabilityMode;
    /** Plugin modules whose views to load (paths resolved against the config file's folder). */
    readonly plugins: readonly string[];
    /** pino level: fatal, error, warn, info, debug, trace or silent. */
    readonly logLevel: string;
    /** How long a graceful shutdown waits for in-flight requests before cutting connections, in ms. */
    readonly shutdownTimeoutMs: number;
    /** API keys (digests and scopes); none means no access control, which only a loopback bind allows. */
    readonly apiKeys: readonly ApiKey[];
    /** A file of more keys, one `key[:scopes]` a line, read when the server starts. */
    readonly apiKeysFile: string | null;
    /** Listen on a non-loopback address without keys anyway. */
    readonly allowInsecureNoAuth: boolean;
    /** Lifetime of an SSE token (POST /auth/sse-token), in ms. */
    readonly sseTokenTtlMs: number;
    readonly limits: ServerLimits;
}
export type ServerConfigInput = Partial<Omit<ServerConfig, 'limits' | 'apiKeys' | 'allowInsecureNoAuth'>> & {
    readonly limits?: Partial<ServerLimits>;
    readonly maxBodyBytes?: number;
    /** Key specs (`key` or `key:read,append`), as a list or one comma-separated string, or resolved keys. */
    readonly apiKeys?: string | readonly (string | ApiKey)[];
    readonly allowInsecureNoAuth?: boolean | string;
};
export declare const DEFAULT_CONFIG: ServerConfig;
/** Validates a partial configuration (from a file, an embedding app or a test) and fills in defaults. */
export declare function resolveConfig(input?: ServerConfigInput, base?: ServerConfig, fieldPrefix?: string): ServerConfig;
/** Every key of the configuration, from `apiKeys` and the keys file (read now; relative to the working directory). */
export declare function configuredKeys(config: ServerConfig): ApiKey[];
/** Reads a config file: JSON, or an ES module whose default export (or the module itself) is the object. */
export declare function readConfigFile(path: string): Promise<ServerConfigInput>;
/** The SLUICE_* variables this server reads, and the config fields they set. */
export declare const ENV_VARIABLES: ReadonlyArray<readonly [string, string]>;
/** Loads the configuration for `sluice serve`: defaults, then the config file, then the environment. */
export declare function loadConfig(env?: NodeJS.ProcessEnv, cwd?: string): Promise<ServerConfig>;

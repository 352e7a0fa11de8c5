// Server configuration: embedded defaults < config file (SLUICE_CONFIG or ./sluice.config.{json,mjs,js}) < SLUICE_* env.
// Every field is validated here; a bad value stops start-up with SLUICE_ERR_CONFIG_INVALID naming the field.
// API keys are hashed as they are read: a resolved configuration holds digests, never a key.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SluiceError } from '../core/errors.js';
import type { DurabilityMode } from '../core/log/event-log.js';
import { KEY_SCOPES, parseKeyList, type ApiKey } from './api-keys.js';
import { resolveClusterConfig, type ClusterConfig, type ClusterConfigInput } from './cluster-config.js';
import { invalid, positiveInt } from './config-values.js';
import { resolveRetentionConfig, type RetentionConfig, type RetentionConfigInput } from './retention-config.js';
import { DEFAULT_LIMITS, resolveLimits, type ServerLimits } from './server-limits.js';

export type { ServerLimits };

/** Cross-origin access for browser pages (CORS); off while `origins` is empty. */
export interface CorsConfig {
  /** Origins (`scheme://host[:port]`) whose pages may call the server, or `['*']` for any (only without API keys). */
  readonly origins: readonly string[];
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
  readonly cors: CorsConfig;
  readonly limits: ServerLimits;
  /** Cluster mode on NATS JetStream (docs/cluster.md); null: one node, the embedded store. */
  readonly cluster: ClusterConfig | null;
  /** Remove whole sealed log segments older than maxAgeMs or beyond maxBytes of log; null keeps everything. */
  readonly retention: RetentionConfig | null;
  /**
   * `skipDamaged`: views pass over damaged log records (each listed in their status) instead of stalling before them.
   * `worker`: views apply the log on a worker thread (default true), off the thread that answers requests.
   */
  readonly views: ViewsConfig;
}

export interface ViewsConfig {
  readonly skipDamaged: boolean;
  readonly worker: boolean;
}

export type ServerConfigInput = Partial<Omit<ServerConfig, 'limits' | 'apiKeys' | 'allowInsecureNoAuth' | 'cluster' | 'cors' | 'retention' | 'views'>> & {
  readonly views?: { readonly skipDamaged?: boolean | string; readonly worker?: boolean | string };
  readonly cluster?: ClusterConfigInput | null;
  readonly limits?: Partial<ServerLimits>;
  /** `origins`: a list, or one comma-separated string (as SLUICE_CORS_ORIGINS gives it). */
  readonly cors?: { readonly origins?: string | readonly string[] };
  readonly retention?: RetentionConfigInput;
  readonly maxBodyBytes?: number;
  /** Key specs (`key` or `key:read,append`), as a list or one comma-separated string, or resolved keys. */
  readonly apiKeys?: string | readonly (string | ApiKey)[];
  readonly allowInsecureNoAuth?: boolean | string;
};

export const DEFAULT_CONFIG: ServerConfig = {
  dataDir: './data',
  host: '127.0.0.1',
  port: 7070,
  fsync: 'fsync',
  plugins: [],
  logLevel: 'info',
  shutdownTimeoutMs: 10_000,
  apiKeys: [],
  apiKeysFile: null,
  allowInsecureNoAuth: false,
  sseTokenTtlMs: 60_000,
  cluster: null,
  cors: { origins: [] },
  retention: null,
  views: { skipDamaged: false, worker: true },
  limits: DEFAULT_LIMITS,
};

const FSYNC_MODES: readonly DurabilityMode[] = ['fsync', 'batch', 'none'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const CONFIG_FILES = ['sluice.config.json', 'sluice.config.mjs', 'sluice.config.js'];
const TOP_FIELDS = ['dataDir', 'host', 'port', 'fsync', 'plugins', 'logLevel', 'shutdownTimeoutMs', 'maxBodyBytes', 'limits', 'apiKeys', 'apiKeysFile', 'allowInsecureNoAuth', 'sseTokenTtlMs', 'cluster', 'cors', 'retention', 'views'];

function nonEmptyString(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, `must be a non-empty string (got ${JSON.stringify(value)})`);
  return value;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw invalid(field, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return value as T;
}

function flag(field: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw invalid(field, `must be true or false (or 1 or 0) (got ${JSON.stringify(value)})`);
}

function isApiKey(value: unknown): value is ApiKey {
  const key = value as ApiKey;
  return typeof value === 'object' && value !== null && typeof key.digest === 'string' && /^[0-9a-f]{64}$/.test(key.digest)
    && Array.isArray(key.scopes) && key.scopes.every((s) => KEY_SCOPES.includes(s));
}

/** Key specs (hashed here) or already-resolved keys; error messages never quote a key. */
function apiKeysOf(field: string, value: unknown): ApiKey[] {
  if (typeof value === 'string') return parseKeyList(value, field);
  if (!Array.isArray(value)) throw invalid(field, 'must be a list of keys (`key` or `key:read,append`) or one comma-separated string');
  return value.flatMap((entry: unknown, i) => {
    if (isApiKey(entry)) return [{ digest: entry.digest, scopes: [...entry.scopes] }];
    if (typeof entry === 'string') return parseKeyList(entry, `${field}[${i}]`);
    throw invalid(`${field}[${i}]`, 'must be a key spec string');
  });
}

function resolveCors(input: ServerConfigInput, base: ServerConfig, apiKeys: readonly ApiKey[], f: (name: string) => string): CorsConfig {
  const corsIn = (input.cors ?? {}) as Record<string, unknown>;
  if (corsIn === null || typeof corsIn !== 'object' || Array.isArray(corsIn)) throw invalid(f('cors'), 'must be an object like {"origins": ["https://app.example"]}');
  for (const key of Object.keys(corsIn)) if (key !== 'origins') throw invalid(f(`cors.${key}`), 'is not a known setting');
  const raw = corsIn.origins ?? base.cors.origins;
  const list = typeof raw === 'string' ? raw.split(',').map((o) => o.trim()).filter((o) => o !== '') : raw;
  if (!Array.isArray(list)) throw invalid(f('cors.origins'), 'must be a list of origins (or one comma-separated string)');
  const origins = list.map((origin: unknown, i) => {
    if (origin === '*') return origin;
    let parsed: URL | undefined;
    try {
      parsed = typeof origin === 'string' ? new URL(origin) : undefined;
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined || parsed.origin === 'null' || parsed.origin !== origin) {
      throw invalid(f(`cors.origins[${i}]`), `must be an origin like https://app.example or http://localhost:5173, without a path or trailing slash (got ${JSON.stringify(origin)})`);
    }
    return origin;
  });
  if (origins.includes('*') && origins.length > 1) throw invalid(f('cors.origins'), 'lists "*" with other origins; use "*" alone or list the origins');
  if (origins.includes('*') && apiKeys.length > 0) throw invalid(f('cors.origins'), 'is "*", which is only allowed without API keys; list the origins your pages are served from');
  return { origins };
}

/** Validates a partial configuration (from a file, an embedding app or a test) and fills in defaults. */
export function resolveConfig(input: ServerConfigInput = {}, base: ServerConfig = DEFAULT_CONFIG, fieldPrefix = ''): ServerConfig {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw invalid(fieldPrefix || 'config', 'must be an object');
  for (const key of Object.keys(input)) if (!TOP_FIELDS.includes(key)) throw invalid(fieldPrefix + key, 'is not a known setting');
  const f = (name: string): string => fieldPrefix + name;
  const limits = resolveLimits(input.limits, input.maxBodyBytes, base.limits, f);
  const plugins = input.plugins ?? base.plugins;
  if (!Array.isArray(plugins)) throw invalid(f('plugins'), 'must be an array of module paths');
  plugins.forEach((p, i) => nonEmptyString(f(`plugins[${i}]`), p));
  const port = positiveInt(f('port'), input.port ?? base.port, 0, 65535);
  const apiKeysFile = input.apiKeysFile ?? base.apiKeysFile;
  const apiKeys = input.apiKeys === undefined ? base.apiKeys : apiKeysOf(f('apiKeys'), input.apiKeys);
  return {
    dataDir: nonEmptyString(f('dataDir'), input.dataDir ?? base.dataDir),
    host: nonEmptyString(f('host'), input.host ?? base.host),
    port,
    fsync: oneOf(f('fsync'), input.fsync ?? base.fsync, FSYNC_MODES),
    plugins: [...plugins],
    logLevel: oneOf(f('logLevel'), input.logLevel ?? base.logLevel, LOG_LEVELS),
    shutdownTimeoutMs: positiveInt(f('shutdownTimeoutMs'), input.shutdownTimeoutMs ?? base.shutdownTimeoutMs),
    apiKeys,
    apiKeysFile: apiKeysFile === null ? null : nonEmptyString(f('apiKeysFile'), apiKeysFile),
    allowInsecureNoAuth: flag(f('allowInsecureNoAuth'), input.allowInsecureNoAuth ?? base.allowInsecureNoAuth),
    sseTokenTtlMs: positiveInt(f('sseTokenTtlMs'), input.sseTokenTtlMs ?? base.sseTokenTtlMs, 1000, 3_600_000),
    cors: resolveCors(input, base, apiKeys, f),
    limits,
    cluster: resolveClusterConfig(input.cluster, base.cluster, f('cluster')),
    retention: resolveRetentionConfig(input.retention, base.retention, f('retention')),
    views: resolveViewsConfig(input.views, base.views, f),
  };
}

function resolveViewsConfig(input: ServerConfigInput['views'], base: ViewsConfig, f: (name: string) => string): ViewsConfig {
  if (input === undefined) return base;
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw invalid(f('views'), 'must be an object');
  for (const key of Object.keys(input)) if (key !== 'skipDamaged' && key !== 'worker') throw invalid(f(`views.${key}`), 'is not a known setting');
  return {
    skipDamaged: flag(f('views.skipDamaged'), input.skipDamaged ?? base.skipDamaged),
    worker: flag(f('views.worker'), input.worker ?? base.worker),
  };
}

/** Every key of the configuration, from `apiKeys` and the keys file (read now; relative to the working directory). */
export function configuredKeys(config: ServerConfig): ApiKey[] {
  if (config.apiKeysFile === null) return [...config.apiKeys];
  const file = resolve(config.apiKeysFile);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw invalid('apiKeysFile', `names ${file}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return [...config.apiKeys, ...parseKeyList(text, `apiKeysFile ${file}`)];
}

/** Reads a config file: JSON, or an ES module whose default export (or the module itself) is the object. */
export async function readConfigFile(path: string): Promise<ServerConfigInput> {
  const file = resolve(path);
  if (!existsSync(file)) throw invalid('SLUICE_CONFIG', `names ${file}, which does not exist`);
  let value: unknown;
  if (file.endsWith('.json')) {
    try {
      value = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw invalid('SLUICE_CONFIG', `${file} is not valid JSON: ${(err as Error).message}`);
    }
  } else if (/\.(mjs|js)$/.test(file)) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    } catch (err) {
      throw invalid('SLUICE_CONFIG', `${file} failed to load: ${(err as Error).message}`);
    }
    value = 'default' in mod ? mod.default : mod;
  } else {
    throw invalid('SLUICE_CONFIG', `${file} must end in .json, .mjs or .js`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalid('SLUICE_CONFIG', `${file} must hold an object`);
  return anchorPaths(value as ServerConfigInput, dirname(file));
}

/** Relative paths in a config file mean "next to the file", wherever the server is started from. */
function anchorPaths(input: ServerConfigInput, dir: string): ServerConfigInput {
  const anchored: Record<string, unknown> = { ...input };
  if (typeof input.dataDir === 'string' && !isAbsolute(input.dataDir)) anchored.dataDir = resolve(dir, input.dataDir);
  if (typeof input.apiKeysFile === 'string' && !isAbsolute(input.apiKeysFile)) anchored.apiKeysFile = resolve(dir, input.apiKeysFile);
  if (Array.isArray(input.plugins)) {
    anchored.plugins = input.plugins.map((p: unknown) => (typeof p === 'string' && (p.startsWith('./') || p.startsWith('../')) ? resolve(dir, p) : p));
  }
  return anchored as ServerConfigInput;
}

/** The SLUICE_* variables this server reads, and the config fields they set. */
export const ENV_VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ['SLUICE_DATA_DIR', 'dataDir'], ['SLUICE_HOST', 'host'], ['SLUICE_PORT', 'port'], ['SLUICE_FSYNC', 'fsync'],
  ['SLUICE_MAX_BODY_BYTES', 'maxBodyBytes'], ['SLUICE_LOG_LEVEL', 'logLevel'],
  ['SLUICE_API_KEYS', 'apiKeys'], ['SLUICE_API_KEYS_FILE', 'apiKeysFile'], ['SLUICE_ALLOW_INSECURE_NO_AUTH', 'allowInsecureNoAuth'],
  ['SLUICE_SSE_TOKEN_TTL_MS', 'sseTokenTtlMs'], ['SLUICE_RATE_LIMIT_MAX', 'limits.rateLimitMax'], ['SLUICE_RATE_LIMIT_WINDOW_MS', 'limits.rateLimitWindowMs'],
  ['SLUICE_MAX_LIVE_CONNECTIONS', 'limits.maxLiveConnections'], ['SLUICE_MAX_LIVE_CONNECTIONS_PER_KEY', 'limits.maxLiveConnectionsPerKey'],
  ['SLUICE_MAX_EVENT_LOOP_DELAY_MS', 'limits.maxEventLoopDelayMs'], ['SLUICE_READER_PACE_LAG_MS', 'limits.readerPaceLagMs'], ['SLUICE_CORS_ORIGINS', 'cors.origins'],
  ['SLUICE_NATS_URL', 'cluster.servers'], ['SLUICE_CLUSTER_STREAM', 'cluster.stream'], ['SLUICE_CLUSTER_REPLICAS', 'cluster.replicas'],
  ['SLUICE_CLUSTER_APPEND_TIMEOUT_MS', 'cluster.appendTimeoutMs'],
  ['SLUICE_RETENTION_MAX_AGE_MS', 'retention.maxAgeMs'], ['SLUICE_RETENTION_MAX_BYTES', 'retention.maxBytes'],
  ['SLUICE_VIEWS_SKIP_DAMAGED', 'views.skipDamaged'], ['SLUICE_VIEWS_WORKER', 'views.worker'],
];

function fromEnv(env: NodeJS.ProcessEnv): ServerConfigInput {
  const out: Record<string, unknown> = {};
  const limits: Record<string, unknown> = {};
  const cluster: Record<string, unknown> = {};
  const retention: Record<string, unknown> = {};
  const views: Record<string, unknown> = {};
  for (const [name, field] of ENV_VARIABLES) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    if (field.startsWith('limits.')) limits[field.slice('limits.'.length)] = value;
    else if (field.startsWith('cluster.')) cluster[field.slice('cluster.'.length)] = value;
    else if (field.startsWith('cors.')) out.cors = { [field.slice('cors.'.length)]: value };
    else if (field.startsWith('retention.')) retention[field.slice('retention.'.length)] = value;
    else if (field.startsWith('views.')) views[field.slice('views.'.length)] = value;
    else out[field] = value;
  }
  if (Object.keys(limits).length > 0) out.limits = limits;
  if (Object.keys(views).length > 0) out.views = views;
  if (Object.keys(cluster).length > 0) out.cluster = cluster;
  if (Object.keys(retention).length > 0) out.retention = retention;
  return out as ServerConfigInput;
}

/** Loads the configuration for `sluice serve`: defaults, then the config file, then the environment. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<ServerConfig> {
  const explicit = env.SLUICE_CONFIG;
  const found = explicit !== undefined && explicit !== '' ? resolve(cwd, explicit) : CONFIG_FILES.map((name) => resolve(cwd, name)).find((p) => existsSync(p));
  const fileConfig = found === undefined ? DEFAULT_CONFIG : resolveConfig(await readConfigFile(found), DEFAULT_CONFIG, `${found}: `);
  const envInput = fromEnv(env) as Record<string, unknown>;
  if (typeof envInput.apiKeysFile === 'string' && !isAbsolute(envInput.apiKeysFile)) envInput.apiKeysFile = resolve(cwd, envInput.apiKeysFile);
  // Env values arrive as strings; errors name the variable, not the field.
  try {
    return resolveConfig(envInput, fileConfig);
  } catch (err) {
    const field = String((err as SluiceError).details?.field);
    const entry = ENV_VARIABLES.find(([, f]) => field === f || field.startsWith(`${f} `) || field.startsWith(`${f}[`));
    if (entry !== undefined) throw new SluiceError('CONFIG_INVALID', { field: entry[0] + field.slice(entry[1].length), reason: (err as SluiceError).details.reason });
    throw err;
  }
}

// Server configuration: embedded defaults < config file (SLUICE_CONFIG or ./sluice.config.{json,mjs,js}) < SLUICE_* env.
// Every field is validated here; a bad value stops start-up with SLUICE_ERR_CONFIG_INVALID naming the field.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SluiceError } from '../core/errors.js';
import type { DurabilityMode } from '../core/log/event-log.js';

/** Bounds on what one request may ask of the server (issue 6 adds more; all have defaults). */
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
  readonly limits: ServerLimits;
}

export type ServerConfigInput = Partial<Omit<ServerConfig, 'limits'>> & { readonly limits?: Partial<ServerLimits>; readonly maxBodyBytes?: number };

const MIB = 1024 * 1024;

export const DEFAULT_CONFIG: ServerConfig = {
  dataDir: './data',
  host: '127.0.0.1',
  port: 7070,
  fsync: 'fsync',
  plugins: [],
  logLevel: 'info',
  shutdownTimeoutMs: 10_000,
  limits: { maxBodyBytes: 64 * MIB, maxPageSize: 10_000, defaultPageSize: 100, maxWaitMs: 60_000, heartbeatMs: 15_000, maxBatchEvents: 10_000 },
};

const FSYNC_MODES: readonly DurabilityMode[] = ['fsync', 'batch', 'none'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const CONFIG_FILES = ['sluice.config.json', 'sluice.config.mjs', 'sluice.config.js'];
const TOP_FIELDS = ['dataDir', 'host', 'port', 'fsync', 'plugins', 'logLevel', 'shutdownTimeoutMs', 'maxBodyBytes', 'limits'];
const LIMIT_FIELDS = Object.keys(DEFAULT_CONFIG.limits);

function invalid(field: string, reason: string): SluiceError {
  return new SluiceError('CONFIG_INVALID', { field, reason });
}

function positiveInt(field: string, value: unknown, min = 1): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) throw invalid(field, `must be an integer >= ${min} (got ${JSON.stringify(value)})`);
  return n;
}

function nonEmptyString(field: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalid(field, `must be a non-empty string (got ${JSON.stringify(value)})`);
  return value;
}

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
  if (typeof value !== 'string' || !allowed.includes(value as T)) throw invalid(field, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
  return value as T;
}

/** Validates a partial configuration (from a file, an embedding app or a test) and fills in defaults. */
export function resolveConfig(input: ServerConfigInput = {}, base: ServerConfig = DEFAULT_CONFIG, fieldPrefix = ''): ServerConfig {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) throw invalid(fieldPrefix || 'config', 'must be an object');
  for (const key of Object.keys(input)) if (!TOP_FIELDS.includes(key)) throw invalid(fieldPrefix + key, 'is not a known setting');
  const f = (name: string): string => fieldPrefix + name;
  const limitsIn = input.limits ?? {};
  if (limitsIn === null || typeof limitsIn !== 'object' || Array.isArray(limitsIn)) throw invalid(f('limits'), 'must be an object');
  for (const key of Object.keys(limitsIn)) if (!LIMIT_FIELDS.includes(key)) throw invalid(f(`limits.${key}`), 'is not a known limit');
  const pick = <K extends keyof ServerLimits>(key: K): unknown => (key === 'maxBodyBytes' && input.maxBodyBytes !== undefined ? input.maxBodyBytes : limitsIn[key] ?? base.limits[key]);
  const limits: ServerLimits = {
    maxBodyBytes: positiveInt(input.maxBodyBytes !== undefined ? f('maxBodyBytes') : f('limits.maxBodyBytes'), pick('maxBodyBytes')),
    maxPageSize: positiveInt(f('limits.maxPageSize'), pick('maxPageSize')),
    // A lowered cap lowers the default page with it unless the default is set too.
    defaultPageSize: positiveInt(f('limits.defaultPageSize'), limitsIn.defaultPageSize ?? Math.min(base.limits.defaultPageSize, Number(limitsIn.maxPageSize ?? base.limits.maxPageSize) || 1)),
    maxWaitMs: positiveInt(f('limits.maxWaitMs'), pick('maxWaitMs'), 0),
    heartbeatMs: positiveInt(f('limits.heartbeatMs'), pick('heartbeatMs')),
    maxBatchEvents: positiveInt(f('limits.maxBatchEvents'), pick('maxBatchEvents')),
  };
  if (limits.defaultPageSize > limits.maxPageSize) throw invalid(f('limits.defaultPageSize'), `must not exceed limits.maxPageSize (${limits.maxPageSize})`);
  const plugins = input.plugins ?? base.plugins;
  if (!Array.isArray(plugins)) throw invalid(f('plugins'), 'must be an array of module paths');
  plugins.forEach((p, i) => nonEmptyString(f(`plugins[${i}]`), p));
  const port = positiveInt(f('port'), input.port ?? base.port, 0);
  if (port > 65535) throw invalid(f('port'), `must be at most 65535 (got ${port})`);
  return {
    dataDir: nonEmptyString(f('dataDir'), input.dataDir ?? base.dataDir),
    host: nonEmptyString(f('host'), input.host ?? base.host),
    port,
    fsync: oneOf(f('fsync'), input.fsync ?? base.fsync, FSYNC_MODES),
    plugins: [...plugins],
    logLevel: oneOf(f('logLevel'), input.logLevel ?? base.logLevel, LOG_LEVELS),
    shutdownTimeoutMs: positiveInt(f('shutdownTimeoutMs'), input.shutdownTimeoutMs ?? base.shutdownTimeoutMs),
    limits,
  };
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
  if (Array.isArray(input.plugins)) {
    anchored.plugins = input.plugins.map((p: unknown) => (typeof p === 'string' && (p.startsWith('./') || p.startsWith('../')) ? resolve(dir, p) : p));
  }
  return anchored as ServerConfigInput;
}

/** The SLUICE_* variables this server reads, as config fields. */
function fromEnv(env: NodeJS.ProcessEnv): ServerConfigInput {
  const out: Record<string, unknown> = {};
  const map: Array<[string, string]> = [
    ['SLUICE_DATA_DIR', 'dataDir'], ['SLUICE_HOST', 'host'], ['SLUICE_PORT', 'port'], ['SLUICE_FSYNC', 'fsync'],
    ['SLUICE_MAX_BODY_BYTES', 'maxBodyBytes'], ['SLUICE_LOG_LEVEL', 'logLevel'],
  ];
  for (const [name, field] of map) {
    const value = env[name];
    if (value !== undefined && value !== '') out[field] = value;
  }
  return out as ServerConfigInput;
}

/** Loads the configuration for `sluice serve`: defaults, then the config file, then the environment. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Promise<ServerConfig> {
  const explicit = env.SLUICE_CONFIG;
  const found = explicit !== undefined && explicit !== '' ? resolve(cwd, explicit) : CONFIG_FILES.map((name) => resolve(cwd, name)).find((p) => existsSync(p));
  const fileConfig = found === undefined ? DEFAULT_CONFIG : resolveConfig(await readConfigFile(found), DEFAULT_CONFIG, `${found}: `);
  const envInput = fromEnv(env);
  // Env values arrive as strings; errors name the variable, not the field.
  try {
    return resolveConfig(envInput, fileConfig);
  } catch (err) {
    const field = (err as SluiceError).details?.field;
    const variable = { dataDir: 'SLUICE_DATA_DIR', host: 'SLUICE_HOST', port: 'SLUICE_PORT', fsync: 'SLUICE_FSYNC', maxBodyBytes: 'SLUICE_MAX_BODY_BYTES', logLevel: 'SLUICE_LOG_LEVEL' }[String(field)];
    if (variable !== undefined) throw new SluiceError('CONFIG_INVALID', { field: variable, reason: (err as SluiceError).details.reason });
    throw err;
  }
}

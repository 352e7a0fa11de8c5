// Server configuration: embedded defaults < config file (SLUICE_CONFIG or ./sluice.config.{json,mjs,js}) < SLUICE_* env.
// Every field is validated here; a bad value stops start-up with SLUICE_ERR_CONFIG_INVALID naming the field.
// API keys are hashed as they are read: a resolved configuration holds digests, never a key.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SluiceError } from '../core/errors.js';
import { KEY_SCOPES, parseKeyList } from './api-keys.js';
const MIB = 1024 * 1024;
export const DEFAULT_CONFIG = {
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
    limits: {
        maxBodyBytes: 64 * MIB, maxPageSize: 10_000, defaultPageSize: 100, maxWaitMs: 60_000, heartbeatMs: 15_000, maxBatchEvents: 10_000,
        maxStreamNameLength: 200, maxTypeLength: 200, maxMetaBytes: 64 * 1024, maxTags: 64, maxTagLength: 200, maxJsonDepth: 100,
        maxLiveConnections: 1000, maxLiveConnectionsPerKey: 100, rateLimitMax: 10_000, rateLimitWindowMs: 10_000, maxEventLoopDelayMs: 1000,
        requestTimeoutMs: 120_000, headersTimeoutMs: 20_000, keepAliveTimeoutMs: 72_000, connectionTimeoutMs: 120_000,
    },
};
/** [min, max] of each limit. */
const LIMIT_RANGES = {
    maxBodyBytes: [1], maxPageSize: [1], defaultPageSize: [1], maxWaitMs: [0], heartbeatMs: [1], maxBatchEvents: [1],
    maxStreamNameLength: [1, 200], maxTypeLength: [1, 256], maxMetaBytes: [2], maxTags: [0], maxTagLength: [1], maxJsonDepth: [1, 1000],
    maxLiveConnections: [1], maxLiveConnectionsPerKey: [1], rateLimitMax: [0], rateLimitWindowMs: [1], maxEventLoopDelayMs: [0],
    requestTimeoutMs: [1], headersTimeoutMs: [1], keepAliveTimeoutMs: [1], connectionTimeoutMs: [0],
};
const FSYNC_MODES = ['fsync', 'batch', 'none'];
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
const CONFIG_FILES = ['sluice.config.json', 'sluice.config.mjs', 'sluice.config.js'];
const TOP_FIELDS = ['dataDir', 'host', 'port', 'fsync', 'plugins', 'logLevel', 'shutdownTimeoutMs', 'maxBodyBytes', 'limits', 'apiKeys', 'apiKeysFile', 'allowInsecureNoAuth', 'sseTokenTtlMs'];
const LIMIT_FIELDS = Object.keys(LIMIT_RANGES);
function invalid(field, reason) {
    return new SluiceError('CONFIG_INVALID', { field, reason });
}
function positiveInt(field, value, min = 1, max = Number.MAX_SAFE_INTEGER) {
    const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min)
        throw invalid(field, `must be an integer >= ${min} (got ${JSON.stringify(value)})`);
    if (n > max)
        throw invalid(field, `must be at most ${max} (got ${n})`);
    return n;
}
function nonEmptyString(field, value) {
    if (typeof value !== 'string' || value.trim() === '')
        throw invalid(field, `must be a non-empty string (got ${JSON.stringify(value)})`);
    return value;
}
function oneOf(field, value, allowed) {
    if (typeof value !== 'string' || !allowed.includes(value))
        throw invalid(field, `must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
    return value;
}
function flag(field, value) {
    if (typeof value === 'boolean')
        return value;
    if (value === '1' || value === 'true')
        return true;
    if (value === '0' || value === 'false')
        return false;
    throw invalid(field, `must be true or false (or 1 or 0) (got ${JSON.stringify(value)})`);
}
function isApiKey(value) {
    const key = value;
    return typeof value === 'object' && value !== null && typeof key.digest === 'string' && /^[0-9a-f]{64}$/.test(key.digest)
        && Array.isArray(key.scopes) && key.scopes.every((s) => KEY_SCOPES.includes(s));
}
/** Key specs (hashed here) or already-resolved keys; error messages never quote a key. */
function apiKeysOf(field, value) {
    if (typeof value === 'string')
        return parseKeyList(value, field);
    if (!Array.isArray(value))
        throw invalid(field, 'must be a list of keys (`key` or `key:read,append`) or one comma-separated string');
    return value.flatMap((entry, i) => {
        if (isApiKey(entry))
            return [{ digest: entry.digest, scopes: [...entry.scopes] }];
        if (typeof entry === 'string')
            return parseKeyList(entry, `${field}[${i}]`);
        throw invalid(`${field}[${i}]`, 'must be a key spec string');
    });
}
function resolveLimits(input, base, f) {
    const limitsIn = (input.limits ?? {});
    if (limitsIn === null || typeof limitsIn !== 'object' || Array.isArray(limitsIn))
        throw invalid(f('limits'), 'must be an object');
    for (const key of Object.keys(limitsIn))
        if (!LIMIT_FIELDS.includes(key))
            throw invalid(f(`limits.${key}`), 'is not a known limit');
    const out = {};
    for (const [key, [min, max]] of Object.entries(LIMIT_RANGES)) {
        const topLevel = key === 'maxBodyBytes' && input.maxBodyBytes !== undefined;
        let value = topLevel ? input.maxBodyBytes : limitsIn[key] ?? base.limits[key];
        // A lowered cap lowers the default page with it unless the default is set too.
        if (key === 'defaultPageSize' && limitsIn.defaultPageSize === undefined)
            value = Math.min(base.limits.defaultPageSize, out.maxPageSize ?? 1);
        out[key] = positiveInt(topLevel ? f('maxBodyBytes') : f(`limits.${key}`), value, min, max);
    }
    const limits = out;
    if (limits.defaultPageSize > limits.maxPageSize)
        throw invalid(f('limits.defaultPageSize'), `must not exceed limits.maxPageSize (${limits.maxPageSize})`);
    if (limits.headersTimeoutMs > limits.requestTimeoutMs)
        throw invalid(f('limits.headersTimeoutMs'), `must not exceed limits.requestTimeoutMs (${limits.requestTimeoutMs})`);
    if (limits.connectionTimeoutMs !== 0 && limits.connectionTimeoutMs <= limits.maxWaitMs) {
        throw invalid(f('limits.connectionTimeoutMs'), `must be 0 (off) or longer than limits.maxWaitMs (${limits.maxWaitMs}), or waiting requests would be cut`);
    }
    return limits;
}
/** Validates a partial configuration (from a file, an embedding app or a test) and fills in defaults. */
export function resolveConfig(input = {}, base = DEFAULT_CONFIG, fieldPrefix = '') {
    if (input === null || typeof input !== 'object' || Array.isArray(input))
        throw invalid(fieldPrefix || 'config', 'must be an object');
    for (const key of Object.keys(input))
        if (!TOP_FIELDS.includes(key))
            throw invalid(fieldPrefix + key, 'is not a known setting');
    const f = (name) => fieldPrefix + name;
    const limits = resolveLimits(input, base, f);
    const plugins = input.plugins ?? base.plugins;
    if (!Array.isArray(plugins))
        throw invalid(f('plugins'), 'must be an array of module paths');
    plugins.forEach((p, i) => nonEmptyString(f(`plugins[${i}]`), p));
    const port = positiveInt(f('port'), input.port ?? base.port, 0, 65535);
    const apiKeysFile = input.apiKeysFile ?? base.apiKeysFile;
    return {
        dataDir: nonEmptyString(f('dataDir'), input.dataDir ?? base.dataDir),
        host: nonEmptyString(f('host'), input.host ?? base.host),
        port,
        fsync: oneOf(f('fsync'), input.fsync ?? base.fsync, FSYNC_MODES),
        plugins: [...plugins],
        logLevel: oneOf(f('logLevel'), input.logLevel ?? base.logLevel, LOG_LEVELS),
        shutdownTimeoutMs: positiveInt(f('shutdownTimeoutMs'), input.shutdownTimeoutMs ?? base.shutdownTimeoutMs),
        apiKeys: input.apiKeys === undefined ? base.apiKeys : apiKeysOf(f('apiKeys'), input.apiKeys),
        apiKeysFile: apiKeysFile === null ? null : nonEmptyString(f('apiKeysFile'), apiKeysFile),
        allowInsecureNoAuth: flag(f('allowInsecureNoAuth'), input.allowInsecureNoAuth ?? base.allowInsecureNoAuth),
        sseTokenTtlMs: positiveInt(f('sseTokenTtlMs'), input.sseTokenTtlMs ?? base.sseTokenTtlMs, 1000, 3_600_000),
        limits,
    };
}
/** Every key of the configuration, from `apiKeys` and the keys file (read now; relative to the working directory). */
export function configuredKeys(config) {
    if (config.apiKeysFile === null)
        return [...config.apiKeys];
    const file = resolve(config.apiKeysFile);
    let text;
    try {
        text = readFileSync(file, 'utf8');
    }
    catch (err) {
        throw invalid('apiKeysFile', `names ${file}, which cannot be read (${err.code ?? 'error'})`);
    }
    return [...config.apiKeys, ...parseKeyList(text, `apiKeysFile ${file}`)];
}
/** Reads a config file: JSON, or an ES module whose default export (or the module itself) is the object. */
export async function readConfigFile(path) {
    const file = resolve(path);
    if (!existsSync(file))
        throw invalid('SLUICE_CONFIG', `names ${file}, which does not exist`);
    let value;
    if (file.endsWith('.json')) {
        try {
            value = JSON.parse(readFileSync(file, 'utf8'));
        }
        catch (err) {
            throw invalid('SLUICE_CONFIG', `${file} is not valid JSON: ${err.message}`);
        }
    }
    else if (/\.(mjs|js)$/.test(file)) {
        let mod;
        try {
            mod = (await import(pathToFileURL(file).href));
        }
        catch (err) {
            throw invalid('SLUICE_CONFIG', `${file} failed to load: ${err.message}`);
        }
        value = 'default' in mod ? mod.default : mod;
    }
    else {
        throw invalid('SLUICE_CONFIG', `${file} must end in .json, .mjs or .js`);
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw invalid('SLUICE_CONFIG', `${file} must hold an object`);
    return anchorPaths(value, dirname(file));
}
/** Relative paths in a config file mean "next to the file", wherever the server is started from. */
function anchorPaths(input, dir) {
    const anchored = { ...input };
    if (typeof input.dataDir === 'string' && !isAbsolute(input.dataDir))
        anchored.dataDir = resolve(dir, input.dataDir);
    if (typeof input.apiKeysFile === 'string' && !isAbsolute(input.apiKeysFile))
        anchored.apiKeysFile = resolve(dir, input.apiKeysFile);
    if (Array.isArray(input.plugins)) {
        anchored.plugins = input.plugins.map((p) => (typeof p === 'string' && (p.startsWith('./') || p.startsWith('../')) ? resolve(dir, p) : p));
    }
    return anchored;
}
/** The SLUICE_* variables this server reads, and the config fields they set. */
export const ENV_VARIABLES = [
    ['SLUICE_DATA_DIR', 'dataDir'], ['SLUICE_HOST', 'host'], ['SLUICE_PORT', 'port'], ['SLUICE_FSYNC', 'fsync'],
    ['SLUICE_MAX_BODY_BYTES', 'maxBodyBytes'], ['SLUICE_LOG_LEVEL', 'logLevel'],
    ['SLUICE_API_KEYS', 'apiKeys'], ['SLUICE_API_KEYS_FILE', 'apiKeysFile'], ['SLUICE_ALLOW_INSECURE_NO_AUTH', 'allowInsecureNoAuth'],
    ['SLUICE_SSE_TOKEN_TTL_MS', 'sseTokenTtlMs'], ['SLUICE_RATE_LIMIT_MAX', 'limits.rateLimitMax'], ['SLUICE_RATE_LIMIT_WINDOW_MS', 'limits.rateLimitWindowMs'],
    ['SLUICE_MAX_LIVE_CONNECTIONS', 'limits.maxLiveConnections'], ['SLUICE_MAX_LIVE_CONNECTIONS_PER_KEY', 'limits.maxLiveConnectionsPerKey'],
    ['SLUICE_MAX_EVENT_LOOP_DELAY_MS', 'limits.maxEventLoopDelayMs'],
];
function fromEnv(env) {
    const out = {};
    const limits = {};
    for (const [name, field] of ENV_VARIABLES) {
        const value = env[name];
        if (value === undefined || value === '')
            continue;
        if (field.startsWith('limits.'))
            limits[field.slice('limits.'.length)] = value;
        else
            out[field] = value;
    }
    if (Object.keys(limits).length > 0)
        out.limits = limits;
    return out;
}
/** Loads the configuration for `sluice serve`: defaults, then the config file, then the environment. */
export async function loadConfig(env = process.env, cwd = process.cwd()) {
    const explicit = env.SLUICE_CONFIG;
    const found = explicit !== undefined && explicit !== '' ? resolve(cwd, explicit) : CONFIG_FILES.map((name) => resolve(cwd, name)).find((p) => existsSync(p));
    const fileConfig = found === undefined ? DEFAULT_CONFIG : resolveConfig(await readConfigFile(found), DEFAULT_CONFIG, `${found}: `);
    const envInput = fromEnv(env);
    if (typeof envInput.apiKeysFile === 'string' && !isAbsolute(envInput.apiKeysFile))
        envInput.apiKeysFile = resolve(cwd, envInput.apiKeysFile);
    // Env values arrive as strings; errors name the variable, not the field.
    try {
        return resolveConfig(envInput, fileConfig);
    }
    catch (err) {
        const field = String(err.details?.field);
        const entry = ENV_VARIABLES.find(([, f]) => field === f || field.startsWith(`${f} `));
        if (entry !== undefined)
            throw new SluiceError('CONFIG_INVALID', { field: entry[0] + field.slice(entry[1].length), reason: err.details.reason });
        throw err;
    }
}
//# sourceMappingURL=config.js.map
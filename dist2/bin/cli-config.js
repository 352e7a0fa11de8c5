// The CLI's configuration: the server's loader (defaults < config file < SLUICE_* env) with the --config and
// --data/--data-dir flags on top, so `serve`, `reindex` and the rest read the same file and load the same views.
import { join, resolve } from 'node:path';
import { loadConfig } from '../config/config.js';
import { usageError } from './cli-args.js';
export async function loadCliConfig(flags, env, cwd) {
    if (flags.dataDir !== undefined && flags.dataDir.trim() === '')
        throw usageError('--data needs a directory');
    const config = await loadConfig(flags.config === undefined ? env : { ...env, SLUICE_CONFIG: resolve(cwd, flags.config) }, cwd);
    return { ...config, dataDir: resolve(cwd, flags.dataDir ?? config.dataDir) };
}
/** Where the store keeps its log inside a data directory. */
export function logDirOf(dataDir) {
    return join(dataDir, 'log');
}
//# sourceMappingURL=cli-config.js.map
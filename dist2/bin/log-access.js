// How commands reach the log: read-only beside a running server (cat, get, verify, export), or as the writer
// when no server holds the store (append, import). Maps "held by a server" to a message that says what to do.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isSluiceError, SluiceError } from '../core/errors.js';
import { openFileLog } from '../core/log/file-log.js';
import { readLockHolder } from '../core/log/writer-lock.js';
import { serverUrlFor } from '../config/server-address.js';
import { logDirOf } from './cli-config.js';
export function serverUrlOf(config) {
    const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}
/** Fails with SLUICE_ERR_CLI_NO_STORE (which says what to do) when `dataDir` holds no log yet. */
export function assertStoreExists(dataDir) {
    if (!existsSync(join(logDirOf(dataDir), 'log.meta')))
        throw new SluiceError('CLI_NO_STORE', { dir: dataDir });
}
/** A read-only log: never takes the lock, never repairs, sees a running writer's records after refresh(). */
export async function openLogReader(dataDir) {
    assertStoreExists(dataDir);
    return openFileLog({ dir: logDirOf(dataDir), readOnly: true });
}
/** The writer log; fails with SLUICE_ERR_CLI_STORE_BUSY (naming the pid and the server's URL) while a server holds it. */
export async function openLogWriter(config) {
    const dir = logDirOf(config.dataDir);
    const busy = (pid) => new SluiceError('CLI_STORE_BUSY', {
        pid, dir: config.dataDir, url: (typeof pid === 'number' ? serverUrlFor(config.dataDir, pid) : undefined) ?? serverUrlOf(config),
    });
    const holder = readLockHolder(dir);
    if (holder !== undefined)
        throw busy(holder.pid);
    try {
        return await openFileLog({ dir, fsync: config.fsync });
    }
    catch (err) {
        if (isSluiceError(err, 'LOG_LOCKED'))
            throw busy(err.details.pid);
        throw err;
    }
}
//# sourceMappingURL=log-access.js.map
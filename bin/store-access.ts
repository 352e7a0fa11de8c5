// Opens the whole store (log and views) as the writer, for commands that change both (delete, erase) while no
// server runs; fails with SLUICE_ERR_CLI_STORE_BUSY (naming the pid and the server's URL) while one does.
import { isSluiceError, SluiceError } from '../core/errors.js';
import { readLockHolder } from '../core/log/writer-lock.js';
import type { ServerConfig } from '../config/config.js';
import { serverUrlFor } from '../config/server-address.js';
import { openStore } from '../store/open-store.js';
import type { SluiceStore } from '../store/sluice-store.js';
import { logDirOf } from './cli-config.js';
import { assertStoreExists, serverUrlOf } from './log-access.js';

export async function openStoreWriter(config: ServerConfig): Promise<SluiceStore> {
  assertStoreExists(config.dataDir);
  const busy = (pid: unknown): SluiceError => new SluiceError('CLI_STORE_BUSY', {
    pid, dir: config.dataDir, url: (typeof pid === 'number' ? serverUrlFor(config.dataDir, pid) : undefined) ?? serverUrlOf(config),
  });
  const holder = readLockHolder(logDirOf(config.dataDir));
  if (holder !== undefined) throw busy(holder.pid);
  try {
    return await openStore({ dataDir: config.dataDir, fsync: config.fsync, plugins: config.plugins });
  } catch (err) {
    if (isSluiceError(err, 'LOG_LOCKED')) throw busy(err.details.pid);
    throw err;
  }
}

// How commands reach the log: read-only beside a running server (cat, get, verify, export), or as the writer
// when no server holds the store (append, import). Maps "held by a server" to a message that says what to do.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { isSluiceError, SluiceError } from '../core/errors.js';
import { openFileLog, type FileLog } from '../core/log/file-log.js';
import { readLockHolder } from '../core/log/writer-lock.js';
import type { ServerConfig } from '../config/config.js';
import { serverUrlFor } from '../config/server-address.js';
import { logDirOf } from './cli-config.js';

export function serverUrlOf(config: ServerConfig): string {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
}

/** Fails with SLUICE_ERR_CLI_NO_STORE (which says what to do) when `dataDir` holds no log yet. */
export function assertStoreExists(dataDir: string): void {
  if (!existsSync(join(logDirOf(dataDir), 'log.meta'))) throw new SluiceError('CLI_NO_STORE', { dir: dataDir });
}

/** A read-only log: never takes the lock, never repairs, sees a running writer's records after refresh(). */
export async function openLogReader(dataDir: string): Promise<FileLog> {
  assertStoreExists(dataDir);
  return openFileLog({ dir: logDirOf(dataDir), readOnly: true });
}

/** SLUICE_ERR_CLI_STORE_BUSY naming the pid holding the store and the URL of its server; `viaUrl`: the command can go through the server instead (--url). */
export function storeBusy(config: ServerConfig, pid: unknown, options: { viaUrl?: boolean } = {}): SluiceError {
  const url = (typeof pid === 'number' ? serverUrlFor(config.dataDir, pid) : undefined) ?? serverUrlOf(config);
  const next = options.viaUrl === true ? `stop it, or send this through it with --url ${url}` : 'stop it first: this command writes the log directly';
  return new SluiceError('CLI_STORE_BUSY', { pid, dir: config.dataDir, url, next });
}

/**
 * The writer log; fails with SLUICE_ERR_CLI_STORE_BUSY (naming the pid) while a server holds it. `viaUrl`: the command
 * can go through the server instead (append --url), and the error says so with the server's URL.
 */
export async function openLogWriter(config: ServerConfig, options: { viaUrl?: boolean } = {}): Promise<FileLog> {
  const dir = logDirOf(config.dataDir);
  const busy = (pid: unknown): SluiceError => storeBusy(config, pid, options);
  const holder = readLockHolder(dir);
  if (holder !== undefined) throw busy(holder.pid);
  try {
    return await openFileLog({ dir, fsync: config.fsync });
  } catch (err) {
    if (isSluiceError(err, 'LOG_LOCKED')) throw busy(err.details.pid);
    throw err;
  }
}

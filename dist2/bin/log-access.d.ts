import { type FileLog } from '../core/log/file-log.js';
import type { ServerConfig } from '../config/config.js';
export declare function serverUrlOf(config: ServerConfig): string;
/** Fails with SLUICE_ERR_CLI_NO_STORE (which says what to do) when `dataDir` holds no log yet. */
export declare function assertStoreExists(dataDir: string): void;
/** A read-only log: never takes the lock, never repairs, sees a running writer's records after refresh(). */
export declare function openLogReader(dataDir: string): Promise<FileLog>;
/** The writer log; fails with SLUICE_ERR_CLI_STORE_BUSY (naming the pid and the server's URL) while a server holds it. */
export declare function openLogWriter(config: ServerConfig): Promise<FileLog>;

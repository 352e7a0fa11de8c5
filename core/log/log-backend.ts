// How a store gets its log: a LogBackend registered under TOKENS.LogBackend opens it. The file log is the default;
// another backend (a replicated log for cluster mode) is chosen by registering it instead (see docs/architecture.md).
import { join } from 'node:path';
import { inject, injectable } from '../di.js';
import type { StoreOptions } from '../store-api.js';
import { TOKENS } from '../tokens.js';
import type { EventLog } from './event-log.js';
import { openFileLog } from './file-log.js';
import type { LogFileSystem } from './log-file-system.js';

export interface LogBackend {
  /** Opens the store's log: writable, or read-only when the store is (`StoreOptions.readOnly`). */
  open(): Promise<EventLog>;
}

/** The default backend: segment files under `<dataDir>/log`. */
@injectable()
export class FileLogBackend implements LogBackend {
  constructor(
    @inject(TOKENS.Config) private readonly options: StoreOptions,
    @inject(TOKENS.LogFileSystem) private readonly fs: LogFileSystem,
  ) {}

  open(): Promise<EventLog> {
    const { dataDir, fsync, readOnly, idWindowBytes, segmentBytes } = this.options;
    return openFileLog({ dir: join(dataDir, 'log'), fsync, readOnly, segmentBytes, fs: this.fs, idWindowBytes });
  }
}

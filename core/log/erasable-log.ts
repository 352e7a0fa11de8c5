// What erasure in place and retention need from a log beyond EventLog. The file log has it; a backend that cannot
// rewrite or drop its own storage (a replicated log) need not, and the store then answers SLUICE_ERR_LOG_UNSUPPORTED.
import type { EventLog, Offset } from './event-log.js';
import type { ErasureReport } from './log-eraser.js';
import type { RetentionFloor, RetentionPolicy, RetentionReport } from './log-retention.js';

export interface ErasableLog extends EventLog {
  /** An erasure's journal is on disk: the state derived from the log (views) still needs repair. */
  readonly erasurePending: boolean;
  /** Erases the records at `offsets` in place (all checked first); the journal stays until clearErasureJournal(). */
  erase(offsets: readonly Offset[]): Promise<ErasureReport>;
  /** Ends an erasure once its derived state is repaired. */
  clearErasureJournal(): Promise<void>;
  /**
   * Removes whole sealed segments from the front of the log as `policy` says, none holding a record at or past
   * `floor()`; the first offset moves.
   */
  applyRetention(policy: RetentionPolicy, floor?: () => RetentionFloor | undefined, now?: number): Promise<RetentionReport>;
}

export function isErasableLog(log: EventLog): log is ErasableLog {
  const candidate = log as Partial<ErasableLog>;
  return typeof candidate.erase === 'function' && typeof candidate.clearErasureJournal === 'function'
    && typeof candidate.applyRetention === 'function' && typeof candidate.erasurePending === 'boolean';
}

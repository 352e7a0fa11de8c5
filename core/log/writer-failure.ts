// The writer's failed state: the I/O error that stopped appends, whether it can heal by itself (a full disk whose
// failed write never covered an acknowledged record), and the back-off of the background probes that try to heal it.
// A failure that cannot heal (EIO, a failed sync of acknowledged bytes: fsyncgate) stays until a restart.
import { Backoff, errnoOf } from '../disk-full.js';
import { SluiceError } from '../errors.js';
import type { LogFile } from './log-file-system.js';

/** An append arriving while the disk is full probes at once when no probe ran for this long (else it is refused). */
const INLINE_PROBE_MS = 250;

/** Errors thrown by a datasync: a failed sync of acknowledged bytes cannot be healed (fsyncgate). */
const syncErrors = new WeakSet<object>();

/** `file.datasync()`, remembering its error as a sync error (see isSyncError). */
export async function datasync(file: LogFile): Promise<void> {
  try {
    await file.datasync();
  } catch (err) {
    if (typeof err === 'object' && err !== null) syncErrors.add(err);
    throw err;
  }
}

export function isSyncError(err: unknown): boolean {
  return typeof err === 'object' && err !== null && syncErrors.has(err);
}

export class WriterFailure {
  /** The I/O error that stopped writing, if any. */
  error: Error | undefined;
  /** Whether probes may heal it (a full disk); false for a failure that needs a restart. */
  recoverable = false;
  /** Bytes the failed write needed: the space probe asks for about as much. */
  neededBytes = 0;
  private lastProbe = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly backoff = new Backoff(100, 2000);

  /** `probe` runs in the background, with back-off, while a recoverable failure lasts. */
  constructor(private readonly probe: () => void) {}

  /** Records a failure. A failure that cannot heal is never replaced by one that can. */
  set(err: Error, recoverable: boolean, neededBytes = 0): void {
    if (this.error !== undefined && !this.recoverable) return;
    this.error = err;
    this.recoverable = recoverable;
    this.neededBytes = Math.max(this.neededBytes, neededBytes);
    if (recoverable) this.schedule();
    else this.cancel();
  }

  clear(): void {
    this.error = undefined;
    this.recoverable = false;
    this.neededBytes = 0;
    this.backoff.reset();
    this.cancel();
  }

  /** Notes a probe starting now. */
  probing(): void {
    this.lastProbe = Date.now();
  }

  /** Whether an append may run a probe itself before being refused. */
  get probeDue(): boolean {
    return this.recoverable && Date.now() - this.lastProbe >= INLINE_PROBE_MS;
  }

  /** What an append meets while writing is stopped: LOG_NO_SPACE (heals by itself) or LOG_FAILED (restart). */
  appendError(): SluiceError | undefined {
    const err = this.error;
    if (err === undefined) return undefined;
    const details = { reason: err.message, errno: errnoOf(err) };
    return new SluiceError(this.recoverable ? 'LOG_NO_SPACE' : 'LOG_FAILED', details, { cause: err });
  }

  /** Schedules the next background probe (after a failed one, the wait doubles). */
  schedule(): void {
    if (this.timer !== undefined || this.stopped || !this.recoverable) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.probe();
    }, this.backoff.next());
    this.timer.unref();
  }

  /** On close: no probe runs any more. */
  stop(): void {
    this.stopped = true;
    this.cancel();
  }

  private cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

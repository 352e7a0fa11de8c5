// Why the view engine stopped following the log, when it did outside any one view (a damaged record, an LMDB error).
// A full disk is a pause, not a stop: the transaction that met it committed nothing, so the round is retried with
// back-off until it commits; anything else stops following until a restart. Either way the views keep serving.
import { Backoff, isDiskFullAt } from '../disk-full.js';
import { SluiceError } from '../errors.js';
import type { Offset } from '../log/event-log.js';
import type { Logger } from '../logger.js';

export interface HaltReason {
  readonly message: string;
  readonly offset: Offset;
  /** SLUICE_ERR_VIEW_NO_SPACE while a full disk holds the views (they resume by themselves). */
  readonly code?: string;
}

export class FollowHalt {
  reason: HaltReason | undefined;
  private retry: NodeJS.Timeout | undefined;
  private readonly backoff = new Backoff(100, 5000);

  /** `resume` runs when a full disk's pause is over (the next try). */
  constructor(private readonly viewsPath: string, private readonly logger: Logger, private readonly resume: () => void) {}

  /** Stops following at `offset` after `err`: a pause with a retry for a full disk, else a stop. */
  halt(err: unknown, offset: Offset): void {
    const message = err instanceof Error ? err.message : String(err);
    if (isDiskFullAt(this.viewsPath, err)) {
      const paused = new SluiceError('VIEW_NO_SPACE', { offset, reason: message });
      this.logger.warn({ err, code: paused.code }, paused.message);
      this.reason = { message: paused.message, offset, code: paused.code };
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.reason = undefined;
        this.resume();
      }, this.backoff.next());
      this.retry.unref();
      return;
    }
    this.logger.error({ err }, `views stopped following the log: ${message}`);
    this.reason = { message: `views stopped following the log: ${message}`, offset };
  }

  /** A round committed: the next full disk starts its back-off from the shortest wait again. */
  committed(): void {
    this.backoff.reset();
  }

  close(): void {
    if (this.retry) clearTimeout(this.retry);
    this.retry = undefined;
  }
}

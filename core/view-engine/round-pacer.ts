// Commits sized by load: after a small round the engine waits a moment before the next one, so the appends that
// arrive meanwhile share one transaction instead of paying a commit each (a round's fixed cost, its meta rows,
// commit and, with the round worker, two messages, is most of the cost of a round of a few records). Nobody waits
// on it for long: a read-your-writes wait, `idle()` or `close()` ends the pause at once.

export interface PaceSettings {
  /** A round that applied fewer records than this is followed by a pause. */
  readonly records: number;
  /** The pause, in milliseconds; 0 turns pacing off. */
  readonly ms: number;
}

export const DEFAULT_PACE: PaceSettings = { records: 100, ms: 5 };

export class RoundPacer {
  private wake: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly settings: PaceSettings) {}

  /**
   * After a round that applied `applied` records (at most, over its storages): resolves when the next may start.
   * `urgent`: someone waits for the views now, so there is no pause.
   */
  after(applied: number, urgent: boolean): Promise<void> {
    if (urgent || this.settings.ms <= 0 || applied >= this.settings.records) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      this.wake = resolve;
      this.timer = setTimeout(() => this.hurry(), this.settings.ms);
    });
  }

  /** Someone waits for the views: the pause (if any) ends now. */
  hurry(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}

// Readers yield to writers. Log streams ask the pacer before producing each chunk (about 64 KiB of log):
// - while appends are in flight or ended less than WRITERS_RECENT_MS ago, all streams together get one chunk at a
//   time and at most WRITING_SHARE of the loop's time (the next chunk waits three times as long as the last one
//   took), so a hundred live readers cannot take the event loop from the writers (their chunks come less often and
//   carry more records); with no append for that long, readers run unpaced. The grace matters: between one
//   append's answer and the next request's first bytes no append is in flight, and readers let loose then held the
//   loop for up to a second (measured), long enough that the next appends were shed;
// - in any case streams stop for the turn of the loop once their chunks took TURN_BUDGET_MS in it: a hundred
//   streams whose waits end together otherwise run one after another in one timers phase (0.6-1.8 s measured),
//   while requests wait for the poll phase;
// - while the event loop lags beyond `fromLagMs` with appends in flight (or beyond ALONE_FACTOR times it without),
//   every stream waits a time that grows with the lag. Streams alone lag the loop themselves (big chunks, GC):
//   pacing them then only halved their throughput with nothing else waiting for the loop.
// Appends are shed only at a much larger lag than reads (build-app.ts). Waits carry jitter so streams do not wake in
// step; a stream asks again after each wait (and after an append woke it), and once it has waited MAX_WAIT_MS since
// its last chunk the lag no longer holds it back, only the budgets, which every turn and window renew: readers are
// slowed, never starved.

const SAMPLE_MS = 20;
/** The lag is the largest drift over this many samples. */
const SAMPLES = 5;
const MAX_WAIT_MS = 500;
/** While appends are in flight or recent: at most one chunk per this many ms, and at most this share of the time. */
const WINDOW_MS = 10;
const WRITING_SHARE = 0.25;
/** Chunk work (ms) streams may do in one turn of the event loop before letting I/O in. */
const TURN_BUDGET_MS = 20;
/** Streams stay on the shared budget this long after the last append ended (writers send their next one meanwhile). */
const WRITERS_RECENT_MS = 250;
/** With no append in flight, streams wait only once the lag passes this many times `fromLagMs`. */
const ALONE_FACTOR = 4;

export class ReaderPacer {
  readonly #samples: number[] = [];
  readonly #timer: NodeJS.Timeout;
  #expected = performance.now() + SAMPLE_MS;
  #lagMs = 0;
  #writers = 0;
  /** When the last append ended (performance.now()). */
  #writerEnded = -Infinity;
  /** While writing: no chunk before this time (performance.now()). */
  #nextGrant = 0;
  /** Chunk work done in this turn of the loop (ms); reset once the loop reaches its check phase. */
  #turnWork = 0;
  #turnEnds = false;

  /** `fromLagMs`: the event-loop lag from which streams wait; 0 turns pacing off altogether. */
  constructor(private readonly fromLagMs: number, private readonly random: () => number = Math.random) {
    this.#timer = setInterval(() => this.#sample(), SAMPLE_MS);
    this.#timer.unref();
  }

  /** The event loop's recent lag, in ms. */
  get lagMs(): number {
    return this.#lagMs;
  }

  /** Appends in flight now. */
  get writers(): number {
    return this.#writers;
  }

  /** An append started; call the function it returns when it ends. */
  writerStarted(): () => void {
    this.#writers++;
    let done = false;
    return () => {
      if (!done) {
        this.#writers--;
        this.#writerEnded = performance.now();
      }
      done = true;
    };
  }

  /**
   * How long a stream waits before its next chunk: 0 to go now. `waitedMs`: how long it has waited since its last
   * chunk; from MAX_WAIT_MS on, the lag no longer holds it back (the budgets still do: the writers' share is shared by
   * every stream, the turn's is renewed every turn): readers are slowed, never starved.
   */
  waitMs(waitedMs = 0): number {
    if (this.fromLagMs <= 0) return 0;
    const now = performance.now();
    const writing = this.#writers > 0 || now - this.#writerEnded < WRITERS_RECENT_MS;
    const lagLimit = writing ? this.fromLagMs : ALONE_FACTOR * this.fromLagMs;
    const starving = waitedMs >= MAX_WAIT_MS;
    if (this.#lagMs >= lagLimit && !starving) return this.#jitter(Math.min(MAX_WAIT_MS, 2 * this.#lagMs));
    if (this.#turnWork >= TURN_BUDGET_MS) return 1;
    if (!writing) return 0;
    if (now < this.#nextGrant) return this.#jitter(Math.max(2, 2 * (this.#nextGrant - now)));
    this.#nextGrant = now + WINDOW_MS;
    return 0;
  }

  /** A stream produced a chunk, which took `ms`. */
  spent(ms: number): void {
    if (this.fromLagMs <= 0) return;
    this.#turnWork += ms;
    if (!this.#turnEnds) {
      this.#turnEnds = true;
      setImmediate(() => {
        this.#turnWork = 0;
        this.#turnEnds = false;
      });
    }
    this.#nextGrant = Math.max(this.#nextGrant, performance.now() + (ms * (1 - WRITING_SHARE)) / WRITING_SHARE);
  }

  close(): void {
    clearInterval(this.#timer);
  }

  #jitter(wait: number): number {
    return Math.max(1, Math.round(wait / 2 + (this.random() * wait) / 2));
  }

  #sample(): void {
    const now = performance.now();
    this.#samples.push(Math.max(0, now - this.#expected));
    if (this.#samples.length > SAMPLES) this.#samples.shift();
    this.#expected = now + SAMPLE_MS;
    this.#lagMs = Math.max(...this.#samples);
  }
}

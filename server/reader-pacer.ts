// Readers yield to writers. Log streams ask the pacer before producing each chunk (about 64 KiB of log):
// - while appends are in flight, all streams together get at most CHUNKS_PER_WINDOW chunks per WINDOW_MS, so a
//   hundred live readers cannot take the event loop from the writers (their chunks come less often and carry more
//   records); with no append in flight, readers run unpaced;
// - while the event loop lags beyond `fromLagMs` with appends in flight (or beyond ALONE_FACTOR times it without),
//   every stream waits a time that grows with the lag. Streams alone lag the loop themselves (big chunks, GC):
//   pacing them then only halved their throughput with nothing else waiting for the loop.
// Appends are shed only at a much larger lag than reads (build-app.ts). Waits carry jitter so streams do not wake in
// step, and never exceed MAX_WAIT_MS: readers are slowed, never starved.

const SAMPLE_MS = 20;
/** The lag is the largest drift over this many samples. */
const SAMPLES = 5;
const MAX_WAIT_MS = 500;
const WINDOW_MS = 10;
const CHUNKS_PER_WINDOW = 1;
/** With no append in flight, streams wait only once the lag passes this many times `fromLagMs`. */
const ALONE_FACTOR = 4;

export class ReaderPacer {
  readonly #samples: number[] = [];
  readonly #timer: NodeJS.Timeout;
  #expected = performance.now() + SAMPLE_MS;
  #lagMs = 0;
  #writers = 0;
  #windowStart = 0;
  #granted = 0;

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
      if (!done) this.#writers--;
      done = true;
    };
  }

  /** How long a stream waits before its next chunk: 0 to go now (the chunk is then counted). */
  waitMs(): number {
    if (this.fromLagMs <= 0) return 0;
    const lagLimit = this.#writers > 0 ? this.fromLagMs : ALONE_FACTOR * this.fromLagMs;
    if (this.#lagMs >= lagLimit) return this.#jitter(Math.min(MAX_WAIT_MS, 2 * this.#lagMs));
    if (this.#writers === 0) return 0;
    const now = performance.now();
    if (now - this.#windowStart >= WINDOW_MS) {
      this.#windowStart = now;
      this.#granted = 0;
    }
    if (this.#granted < CHUNKS_PER_WINDOW) {
      this.#granted++;
      return 0;
    }
    return this.#jitter(2 * WINDOW_MS);
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

// subscribe(): the live tail as an async iterator that survives dropped connections and server restarts. It resumes
// with `after=<offset of the last record it yielded>`, so no record is skipped or repeated; waits between attempts
// grow exponentially with jitter (and honour Retry-After); an AbortSignal (or `break`) ends it cleanly.
import type { HttpTransport, QueryValue } from './http-transport.js';
import { ACCEPT, liveRecords, type LiveFormat } from './record-streams.js';
import { clientError, SluiceError } from './sluice-error.js';
import type { LogDamage, LogFilter, LogGap, Readiness, SluiceRecord } from './wire-types.js';

export interface RetryOptions {
  /** First wait after a failure, in ms (default 100). */
  readonly initialDelayMs?: number;
  /** Longest wait, in ms (default 5000). */
  readonly maxDelayMs?: number;
  /** Give up (and throw the last error) after this many failed attempts in a row (default: never). */
  readonly maxAttempts?: number;
}

export interface ReconnectInfo {
  /** Failed attempts in a row so far (1 after the first failure). */
  readonly attempt: number;
  readonly delayMs: number;
  /** Why the connection ended: an error, or undefined when the server ended the stream (a graceful restart). */
  readonly error: unknown;
}

export interface SubscribeOptions extends LogFilter {
  /** Where to start: an offset (a record start), `'start'` (the default) or `'end'` (only records appended from now). */
  readonly from?: number | 'start' | 'end';
  /** Start right after the record at this offset (instead of `from`): resume from the last record you processed. */
  readonly after?: number;
  readonly signal?: AbortSignal;
  /** Wire format (default `ndjson`); `sse` reads Server-Sent Events. Both resume the same way. */
  readonly format?: LiveFormat;
  readonly retry?: RetryOptions;
  /** Reconnect when nothing (not even a heartbeat) arrived for this long, in ms (default 45000: three heartbeats). */
  readonly idleTimeoutMs?: number;
  /** Called before each wait to reconnect. */
  readonly onReconnect?: (info: ReconnectInfo) => void;
  /**
   * Called when retention removed records this subscription had not yet seen (it fell behind the log's first
   * offset); the subscription then continues at `gap.to`. Without it, a gap ends the subscription with
   * SLUICE_ERR_LOG_BEFORE_START (410): records are never skipped silently.
   */
  readonly onGap?: (gap: LogGap) => void;
  /**
   * Called when the server carried the subscription past damaged log bytes (records failing their checksum); it then
   * continues at `damage.to`. Without it, damage ends the subscription with SLUICE_ERR_LOG_CORRUPT_RECORD: never silent.
   */
  readonly onDamage?: (damage: LogDamage) => void;
}

/** The error damage raises when the subscriber did not ask to be told of it. */
function damageError(damage: LogDamage): SluiceError {
  const message = `the log is damaged from offset ${damage.from} to ${damage.to} (${damage.reason}); pass onDamage to read past it`;
  return new SluiceError('SLUICE_ERR_LOG_CORRUPT_RECORD', 500, message, { offset: damage.from, next: damage.to, reason: damage.reason });
}

/** The error a gap raises when the subscriber did not ask to be told of gaps. */
function gapError(gap: LogGap): SluiceError {
  const message = `offsets ${gap.from} to ${gap.to} were removed by retention before this subscription read them; the log now starts at ${gap.to}`;
  return new SluiceError('SLUICE_ERR_LOG_BEFORE_START', 410, message, { offset: gap.from, start: gap.to });
}

const IDLE = Symbol('idle');

/** Statuses worth retrying: rate limited, a proxy's gateway errors, a server starting, overloaded or shutting down. */
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

export function isRetryable(err: unknown): boolean {
  if (err instanceof SluiceError) return RETRY_STATUSES.has(err.status);
  // A body cut mid-read (server killed): fetch reports a TypeError ("terminated") or a network error.
  return err instanceof TypeError || (err as { name?: string })?.name === 'TypeError';
}

/** The wait before attempt `attempt` (1-based): exponential, half of it random, never shorter than Retry-After. */
export function backoffDelay(attempt: number, retry: RetryOptions, err: unknown, random: () => number = Math.random): number {
  const initial = retry.initialDelayMs ?? 100;
  const max = retry.maxDelayMs ?? 5000;
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt - 1, 30));
  const jittered = ceiling / 2 + random() * (ceiling / 2);
  const retryAfter = err instanceof SluiceError ? err.retryAfterMs : undefined;
  return Math.round(retryAfter === undefined ? jittered : Math.max(jittered, Math.min(retryAfter, 60_000)));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

type Position = { from?: number; after?: number } | 'end';

/** The log's first offset, when `error` says the read from `position.from` started below it. */
function gapStart(error: unknown, position: Position): number | undefined {
  if (!(error instanceof SluiceError) || error.code !== 'SLUICE_ERR_LOG_BEFORE_START') return undefined;
  if (position === 'end' || position.from === undefined) return undefined;
  const start = error.details.start;
  return typeof start === 'number' && start > position.from ? start : undefined;
}

export async function* subscription(transport: HttpTransport, options: SubscribeOptions = {}): AsyncGenerator<SluiceRecord, void, undefined> {
  const { signal, retry = {}, format = 'ndjson', idleTimeoutMs = 45_000 } = options;
  const filters: Record<string, QueryValue> = { stream: options.stream, category: options.category, type: options.type, tag: options.tag };
  let position: Position = options.after !== undefined ? { after: options.after }
    : options.from === 'end' ? 'end'
      : { from: typeof options.from === 'number' ? options.from : undefined };
  let failures = 0;
  // A function, not a property read: TypeScript would keep the loop condition's narrowing across the awaits.
  const aborted = (): boolean => signal?.aborted === true;
  while (!aborted()) {
    let error: unknown;
    const inner = new AbortController();
    const onAbort = (): void => inner.abort(signal!.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    let idle: ReturnType<typeof setTimeout> | undefined;
    const touch = (): void => {
      clearTimeout(idle);
      idle = setTimeout(() => inner.abort(IDLE), idleTimeoutMs);
    };
    try {
      if (position === 'end') position = { from: (await transport.json<Readiness>('ready', { signal: inner.signal })).body.end };
      const exchange = await transport.open('log', {
        query: { ...filters, ...position, live: true }, accept: ACCEPT[format], signal: inner.signal, streaming: true,
      });
      try {
        failures = 0;
        touch();
        for await (const item of liveRecords(format, exchange.response.body!, touch)) {
          if ('damaged' in item) {
            if (options.onDamage === undefined) throw damageError(item.damaged);
            options.onDamage(item.damaged);
            position = { from: item.damaged.to };
            continue;
          }
          if ('gap' in item) {
            if (options.onGap === undefined) throw gapError(item.gap);
            options.onGap(item.gap);
            position = { from: item.gap.to };
            continue;
          }
          if ('checkpoint' in item) {
            // A filtered read scanned this far without a match: a reconnection resumes here, not at the last match
            // (which retention may have removed since, and which would then read as a gap that is not one).
            position = { from: item.checkpoint };
            continue;
          }
          position = { after: item.offset };
          yield item;
        }
      } finally {
        exchange.done();
      }
    } catch (err) {
      error = inner.signal.reason === IDLE
        ? clientError('CLIENT_TIMEOUT', `the live tail was silent for ${idleTimeoutMs} ms`, { method: 'GET', path: '/log', timeoutMs: idleTimeoutMs })
        : err;
    } finally {
      clearTimeout(idle);
      signal?.removeEventListener('abort', onAbort);
      inner.abort();
    }
    if (aborted()) return;
    // Starting from an offset retention has since removed (after a gap, or the caller's `from`): report it as a gap.
    const start = gapStart(error, position);
    if (start !== undefined && options.onGap !== undefined) {
      options.onGap({ from: (position as { from: number }).from, to: start });
      position = { from: start };
      continue;
    }
    if (error !== undefined && !isRetryable(error)) throw error;
    failures += 1;
    if (retry.maxAttempts !== undefined && failures >= retry.maxAttempts) {
      throw error ?? clientError('CLIENT_UNREACHABLE', `the live tail ended ${failures} times in a row`, { url: transport.base, reason: 'stream ended' });
    }
    const delayMs = backoffDelay(failures, retry, error);
    options.onReconnect?.({ attempt: failures, delayMs, error });
    await sleep(delayMs, signal);
  }
}

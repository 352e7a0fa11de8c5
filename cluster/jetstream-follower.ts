// Follows the JetStream stream into the local log: message k (one atomic append) becomes one local appendBatch, in
// sequence order, with the timestamps it carries, so every node holds the same records at the same offsets.
// Appends are pipelined (the log group-commits them); `applied` only moves once a message's records are committed.
// On start it continues from its position file; messages the log already holds (the file lags the log after a
// kill -9) are matched record by record against the log instead of appended again: the log is always a prefix of
// the stream, and anything else is divergence, which stops the node.
import type { ConsumerMessages, JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { SluiceError } from '../core/errors.js';
import type { AppendResult, StreamWrite, EventLog } from '../core/log/event-log.js';
import type { Logger } from '../core/logger.js';
import { decodeBatch, eventCount } from './batch-message.js';
import { readFollowerPosition, writeFollowerPosition } from './follower-position.js';
import { SequenceWaiters } from './sequence-waiters.js';

/** How long close() waits for the consumer loop to end before closing anyway. */
const CLOSE_WAIT_MS = 3000;

function settledWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    promise.then(() => { clearTimeout(timer); resolve(); }, () => { clearTimeout(timer); resolve(); });
  });
}

export interface FollowerOptions {
  readonly js: JetStreamClient;
  readonly stream: string;
  readonly log: EventLog;
  readonly dataDir: string;
  readonly logger: Logger;
  /** Appends handed to the log before waiting for the oldest (default 256). */
  readonly window?: number;
  /** How often the position file is rewritten while applying, in ms (default 1000). */
  readonly positionEveryMs?: number;
  /** A consumer that delivers nothing this long while the stream is known to hold more is recreated (default 3000 ms). */
  readonly stallMs?: number;
}

const MSG_ID = 'Nats-Msg-Id';

export class JetStreamFollower {
  /** The last sequence whose records are committed to the local log. */
  applied = 0;
  /** The last sequence handed to the log (or matched against it). */
  private queued = 0;
  /** Where the next record the stream's next message produces starts, while matching messages the log already holds. */
  private cursor: number;
  private matchUntil: number;
  /** The stream's last sequence when this node started: caught up once applied. */
  private startLast = 0;
  /** Where the records of `applied` end in the local log. */
  private appliedEnd: number;
  private failure: SluiceError | undefined;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private closed = false;
  private inFlight: Promise<unknown>[] = [];
  private savedAt = 0;
  /** The highest sequence known to exist (from acks and stream status): a consumer behind it must deliver. */
  private knownLast = 0;
  private deliveredAt = Date.now();
  private watchdog: NodeJS.Timeout | undefined;
  private readonly waiters = new SequenceWaiters();
  private readonly byMsgId = new Map<string, { resolve: (r: { sequence: number; result: AppendResult }) => void }>();

  /** Rejects (with the reason) once this follower stops: failed or closed. */
  readonly stopped: Promise<never>;
  private stop!: (err: SluiceError) => void;

  constructor(private readonly options: FollowerOptions) {
    this.stopped = new Promise<never>((_, reject) => { this.stop = reject; });
    this.stopped.catch(() => undefined);
    this.cursor = options.log.start;
    this.matchUntil = options.log.end;
    this.appliedEnd = options.log.start;
  }

  /** True once everything the stream held at start is applied. */
  get caughtUp(): boolean {
    return this.applied >= this.startLast && this.cursor >= this.matchUntil;
  }

  get error(): SluiceError | undefined {
    return this.failure;
  }

  /**
   * Finds where to continue (checking the local log against the stream's first and last sequence), then follows
   * in the background. Throws CLUSTER_DIVERGED when the log cannot be a prefix of the stream.
   */
  start(firstSequence: number, lastSequence: number): void {
    const { log, dataDir, stream } = this.options;
    const position = readFollowerPosition(dataDir);
    const diverged = (reason: string): SluiceError => new SluiceError('CLUSTER_DIVERGED', { dir: dataDir, stream, reason });
    if (position !== undefined && position.stream !== stream) throw diverged(`it follows stream ${position.stream}`);
    if (position !== undefined && position.end <= log.end && position.end >= log.start) {
      this.applied = this.queued = position.sequence;
      this.cursor = this.appliedEnd = position.end;
    }
    if (this.applied > lastSequence) throw diverged(`this node applied up to sequence ${this.applied} but the stream ends at ${lastSequence}`);
    if (this.cursor < log.end && this.applied >= lastSequence) throw diverged('the local log holds records the stream does not');
    if (this.applied + 1 < firstSequence && (this.applied > 0 || lastSequence > 0)) {
      throw diverged(`the stream no longer holds sequence ${this.applied + 1} (it starts at ${firstSequence}): its limits dropped messages`);
    }
    this.matchUntil = log.end;
    this.startLast = this.knownLast = lastSequence;
    this.loop = this.follow();
    // The ordered consumer can go quiet after its server dies without noticing (seen on nats-server 2.9 under
    // load): when the stream is known to hold more and nothing arrived for a while, start a new one.
    const stallMs = this.options.stallMs ?? 3000;
    this.watchdog = setInterval(() => {
      if (this.knownLast > this.queued && Date.now() - this.deliveredAt > stallMs && this.messages !== undefined) {
        this.options.logger.warn({ applied: this.applied, known: this.knownLast }, 'cluster: the stream consumer stalled; recreating it');
        this.deliveredAt = Date.now();
        void this.messages.close();
      }
    }, Math.max(100, Math.floor(stallMs / 3)));
    this.watchdog.unref();
  }

  /** The stream holds at least `sequence` (an ack, a stream status): following must get there. */
  noteSequence(sequence: number): void {
    if (sequence > this.knownLast) this.knownLast = sequence;
  }

  /** Resolves with the sequence and result of the message published with `msgId`, once applied here. */
  expect(msgId: string): { applied: Promise<{ sequence: number; result: AppendResult }>; cancel: () => void } {
    let resolve!: (r: { sequence: number; result: AppendResult }) => void;
    const applied = new Promise<{ sequence: number; result: AppendResult }>((r) => { resolve = r; });
    this.byMsgId.set(msgId, { resolve });
    return { applied, cancel: () => this.byMsgId.delete(msgId) };
  }

  /** Resolves once `sequence` is applied; rejects on timeout (CLUSTER_UNAVAILABLE) or when following stops. */
  waitForApplied(sequence: number, timeoutMs: number): Promise<void> {
    if (this.applied >= sequence) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return this.waiters.wait(sequence, timeoutMs, () => new SluiceError('CLUSTER_UNAVAILABLE', {
      timeout: timeoutMs, reason: `this node has applied sequence ${this.applied}, not yet ${sequence}`,
    }));
  }

  private async follow(): Promise<void> {
    while (!this.closed && !this.failure) {
      try {
        this.deliveredAt = Date.now();
        const consumer = await this.options.js.consumers.get(this.options.stream, { opt_start_seq: this.queued + 1 });
        this.messages = await consumer.consume({ max_messages: 1024 });
        // close() may have run while the consumer was being made: it could not close this one.
        if (this.closed || this.failure) {
          await this.messages.close();
          break;
        }
        for await (const msg of this.messages) {
          if (this.closed || this.failure) break;
          this.deliveredAt = Date.now();
          await this.handle(msg);
        }
      } catch (err) {
        if (this.closed || this.failure) break;
        this.options.logger.warn({ err }, 'cluster: following the stream failed; retrying');
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
    await Promise.allSettled(this.inFlight);
  }

  private async handle(msg: JsMsg): Promise<void> {
    const sequence = msg.seq;
    if (sequence <= this.queued) return; // redelivered after a consumer reset
    if (sequence !== this.queued + 1) {
      this.fail(new SluiceError('CLUSTER_NOT_FOLLOWING', { sequence: this.applied, reason: `sequence ${sequence} arrived after ${this.queued}` }));
      return;
    }
    let writes: StreamWrite[];
    try {
      writes = decodeBatch(msg.data);
    } catch (err) {
      // Not published by a Sluice node: every node skips it alike, so offsets stay equal.
      this.options.logger.warn({ sequence, err }, 'cluster: skipped a message that is not a Sluice batch');
      writes = [];
    }
    this.queued = sequence;
    if (this.cursor < this.matchUntil) {
      this.match(sequence, writes);
      return;
    }
    if (writes.length === 0) {
      // Nothing to write, but it must not overtake appends still in flight.
      const previous = this.inFlight[this.inFlight.length - 1];
      if (previous !== undefined) await previous;
      this.advance(sequence, this.options.log.end);
      return;
    }
    const msgId = msg.headers?.get(MSG_ID);
    const applying = this.options.log.appendBatch(writes).then((result) => {
      this.advance(sequence, result.end);
      const waiter = msgId ? this.byMsgId.get(msgId) : undefined;
      if (waiter !== undefined) {
        this.byMsgId.delete(msgId!);
        waiter.resolve({ sequence, result });
      }
    }, (err: unknown) => {
      this.fail(new SluiceError('CLUSTER_NOT_FOLLOWING', { sequence: this.applied, reason: (err as Error).message }, { cause: err }));
    });
    this.inFlight.push(applying);
    void applying.finally(() => { this.inFlight = this.inFlight.filter((p) => p !== applying); });
    if (this.inFlight.length >= (this.options.window ?? 256)) await this.inFlight[0];
  }

  /** A message the local log already holds: its records must be the next ones, one per event. */
  private match(sequence: number, writes: readonly StreamWrite[]): void {
    const { log, dataDir, stream } = this.options;
    const expected = writes.flatMap((w) => w.events.map((e) => ({ stream: w.stream, type: e.type, ts: e.ts })));
    let cursor = this.cursor;
    for (let i = 0; i < expected.length;) {
      const { records, next } = log.readBatch(cursor, { limit: expected.length - i, until: this.matchUntil });
      if (records.length === 0) {
        this.fail(new SluiceError('CLUSTER_DIVERGED', { dir: dataDir, stream, reason: `the local log ends inside sequence ${sequence}` }));
        return;
      }
      for (const record of records) {
        const want = expected[i++]!;
        if (record.stream !== want.stream || record.type !== want.type || record.ts !== want.ts) {
          this.fail(new SluiceError('CLUSTER_DIVERGED', { dir: dataDir, stream, reason: `the record at offset ${record.offset} is not the one sequence ${sequence} holds` }));
          return;
        }
      }
      cursor = next;
    }
    this.cursor = cursor;
    this.advance(sequence, cursor);
    if (this.cursor >= this.matchUntil) this.options.logger.info({ sequence, records: eventCount(writes) }, 'cluster: the local log matches the stream; following');
    else if (sequence >= this.startLast) this.fail(new SluiceError('CLUSTER_DIVERGED', { dir: dataDir, stream, reason: 'the local log holds records the stream does not' }));
  }

  /** `end`: where the records of `sequence` end in the local log. */
  private advance(sequence: number, end: number): void {
    this.applied = Math.max(this.applied, sequence);
    this.appliedEnd = end;
    this.waiters.reached(this.applied);
    const now = Date.now();
    if (now - this.savedAt >= (this.options.positionEveryMs ?? 1000)) this.savePosition(now);
  }

  private savePosition(now = Date.now()): void {
    try {
      writeFollowerPosition(this.options.dataDir, { stream: this.options.stream, sequence: this.applied, end: this.appliedEnd });
      this.savedAt = now;
    } catch (err) {
      this.options.logger.warn({ err }, 'cluster: could not save the follower position');
    }
  }

  private fail(err: SluiceError): void {
    if (this.failure) return;
    this.failure = err;
    this.options.logger.error({ err }, 'cluster: stopped following the stream');
    clearInterval(this.watchdog);
    this.waiters.failAll(err);
    this.stop(err);
    void this.messages?.close();
  }

  /** Stops following once the appends in flight are committed, and saves the position. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.watchdog);
    // A consumer being created or fetched as we close may not settle until the NATS connection closes (after this):
    // wait a bounded time for it, so closing never hangs; the connection's close ends whatever is left.
    await settledWithin(Promise.resolve(this.messages?.close()).then(() => this.loop), CLOSE_WAIT_MS);
    await Promise.allSettled(this.inFlight);
    if (!this.failure) this.savePosition();
    this.waiters.failAll(new SluiceError('LOG_CLOSED'));
    this.stop(new SluiceError('LOG_CLOSED'));
  }
}

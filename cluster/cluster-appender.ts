// Appends in cluster mode: check expectedRevision against this node's copy, publish the batch as one JetStream
// message, and answer once JetStream stored it (on every replica) and this node applied it.
// Optimistic concurrency is exact across nodes: a conditional append carries Nats-Expected-Last-Sequence = the
// last sequence this node applied, so JetStream stores it only if nothing was stored since this node checked.
// A loser catches up to the sequence JetStream names and checks again (a real conflict then becomes 409).
// Retries (leader elections, lost acks) reuse one Nats-Msg-Id, so JetStream stores the append at most once.
import { randomUUID } from 'node:crypto';
import { JetStreamApiError, type JetStreamClient } from '@nats-io/jetstream';
import { ConcurrencyError, SluiceError } from '../core/errors.js';
import type { AppendResult, ExpectedRevision, StreamWrite, EventLog } from '../core/log/event-log.js';
import { encodeBatch } from './batch-message.js';
import type { JetStreamFollower } from './jetstream-follower.js';

export interface AppenderOptions {
  readonly js: JetStreamClient;
  readonly subject: string;
  readonly log: EventLog;
  readonly follower: JetStreamFollower;
  readonly appendTimeoutMs: number;
  /** The NATS servers' max_payload. */
  readonly maxPayload: () => number;
}

const WRONG_LAST_SEQUENCE = 10071;
/** Longest single publish attempt; an election takes about 5 s, so a few attempts fit in the default budget. */
const ATTEMPT_MS = 3000;
/** How long a stored append waits for this node to apply it before the request gives up (it stays stored). */
const APPLY_WAIT_MS = 30_000;

export class AppendCounters {
  appendsAcknowledged = 0;
  publishRetries = 0;
  appendsUnavailable = 0;
  conflictsRetried = 0;
}

function checkExpected(write: StreamWrite, current: number | undefined): void {
  const expected: ExpectedRevision | undefined = write.expectedRevision;
  if (expected === undefined || expected === 'any') return;
  const holds = expected === 'no_stream' ? current === undefined : expected === 'exists' ? current !== undefined : current === expected;
  if (!holds) throw new ConcurrencyError(write.stream, expected, current ?? null);
}

function assertExpectedRevision(value: unknown): void {
  if (value === undefined || value === 'any' || value === 'no_stream' || value === 'exists') return;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return;
  throw new SluiceError('EVENT_INVALID', { reason: `expectedRevision must be a non-negative integer, "no_stream", "exists" or "any", got ${JSON.stringify(value)}` });
}

export class ClusterAppender {
  readonly counters = new AppendCounters();

  constructor(private readonly options: AppenderOptions) {}

  async appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult> {
    const { follower, appendTimeoutMs } = this.options;
    const started = Date.now();
    if (Array.isArray(writes)) for (const write of writes) assertExpectedRevision(write?.expectedRevision);
    const { payload } = encodeBatch(writes, started);
    const limit = this.options.maxPayload();
    if (payload.byteLength > limit) throw new SluiceError('CLUSTER_APPEND_TOO_LARGE', { size: payload.byteLength, limit });
    const conditional = writes.some((w) => w.expectedRevision !== undefined && w.expectedRevision !== 'any');
    const msgId = randomUUID();
    const expectation = follower.expect(msgId);
    const deadline = started + appendTimeoutMs;
    try {
      let attempt = 0;
      let sequence = 0;
      for (;;) {
        if (follower.error) throw follower.error;
        const lastSequence = conditional ? this.check(writes) : undefined;
        const remaining = deadline - Date.now();
        try {
          const ack = await this.options.js.publish(this.options.subject, payload, {
            msgID: msgId, timeout: Math.max(100, Math.min(ATTEMPT_MS, remaining)),
            ...(lastSequence === undefined ? {} : { expect: { lastSequence } }),
          });
          sequence = ack.seq;
          follower.noteSequence(ack.seq);
          break;
        } catch (err) {
          const wrongLast = err instanceof JetStreamApiError && err.code === WRONG_LAST_SEQUENCE;
          if (wrongLast) {
            // Someone stored an append since this node checked: catch up to it and check again.
            this.counters.conflictsRetried++;
            const stored = Number(/(\d+)\s*$/.exec(err.message)?.[1] ?? lastSequence! + 1);
            await follower.waitForApplied(stored, Math.max(1, deadline - Date.now()));
            continue;
          }
          if (err instanceof JetStreamApiError && err.status >= 400 && err.status < 500) {
            throw new SluiceError('CLUSTER_UNAVAILABLE', { timeout: appendTimeoutMs, reason: err.message }, { cause: err });
          }
          if (Date.now() >= deadline) {
            this.counters.appendsUnavailable++;
            throw new SluiceError('CLUSTER_UNAVAILABLE', { timeout: appendTimeoutMs, reason: (err as Error).message, retryAfter: 2 }, { cause: err });
          }
          // No leader, no responders, a timeout or a lost connection: try again with the same Msg-Id.
          this.counters.publishRetries++;
          await new Promise((resolve) => setTimeout(resolve, Math.min(1000, 100 * 2 ** attempt++)));
        }
      }
      // Stored on the replicas: the append is acknowledged once this node has applied it too.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SluiceError('CLUSTER_UNAVAILABLE', {
          timeout: appendTimeoutMs, reason: `stored as sequence ${sequence} but not applied on this node yet; read it with after=<offset> elsewhere`,
        })), Math.max(APPLY_WAIT_MS, appendTimeoutMs));
      });
      const { result } = await Promise.race([expectation.applied, follower.stopped, late]).finally(() => clearTimeout(timer));
      this.counters.appendsAcknowledged++;
      return result;
    } finally {
      expectation.cancel();
    }
  }

  /** Checks every write against this node's copy; returns the sequence that copy reflects (or an earlier one). */
  private check(writes: readonly StreamWrite[]): number {
    const { follower, log } = this.options;
    // Read the sequence first: the revisions can only be ahead of it, which JetStream then rejects and we retry.
    const sequence = follower.applied;
    const seen = new Map<string, number | undefined>();
    for (const write of writes) {
      const current = seen.has(write.stream) ? seen.get(write.stream) : log.streamRevision(write.stream);
      checkExpected(write, current);
      seen.set(write.stream, (current ?? -1) + write.events.length);
    }
    return sequence;
  }
}

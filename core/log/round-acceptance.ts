// Which appends of a group-commit round are written: each one's expectedRevision is checked against the revisions
// so far (those accepted earlier in the round included), and an append repeating stored event ids is answered with
// the original result instead. Revisions are assigned here; the caller restores them if the round's write fails.
import { ConcurrencyError, SluiceError } from '../errors.js';
import { MAX_REVISION, type PreparedEvent } from './event-codec.js';
import type { EventIdIndex } from './event-id-index.js';
import type { AppendResult, ExpectedRevision, Offset } from './event-log.js';

export interface PendingAppend {
  readonly writes: { stream: string; events: PreparedEvent[]; expectedRevision: ExpectedRevision | undefined }[];
  readonly bytes: number;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (err: unknown) => void;
}

export interface AcceptedAppend {
  readonly pending: PendingAppend;
  /** The revision of each event, per write. */
  readonly revisions: number[][];
}

function checkExpected(stream: string, expected: ExpectedRevision | undefined, current: number | undefined): void {
  if (expected === undefined || expected === 'any') return;
  const holds = expected === 'no_stream' ? current === undefined
    : expected === 'exists' ? current !== undefined
    : current === expected;
  if (!holds) throw new ConcurrencyError(stream, expected, current ?? null);
}

/** Puts back the revisions saved before a round (or an append) changed them. */
export function restoreRevisions(revisions: Map<string, number>, saved: ReadonlyMap<string, number | undefined>): void {
  for (const [stream, revision] of saved) {
    if (revision === undefined) revisions.delete(stream);
    else revisions.set(stream, revision);
  }
}

/**
 * Whether `pending` repeats an earlier append: every event's id is in the index (the original result), or none is
 * (undefined). 'round' when an id was claimed earlier in this round. Anything in between is refused.
 */
function findRepeat(pending: PendingAppend, ids: EventIdIndex, roundIds: Set<string>, writtenEnd: Offset): AppendResult | 'round' | undefined {
  const offsets: number[] = [];
  const revisions: number[] = [];
  let total = 0;
  let firstFound: { stream: string; id: string; offset: number } | undefined;
  for (const write of pending.writes) {
    for (const event of write.events) {
      total++;
      if (event.id === undefined) continue;
      if (roundIds.has(`${write.stream}\n${event.id}`)) return 'round';
      const entry = ids.find(write.stream, event.id);
      if (entry === undefined) continue;
      firstFound ??= { stream: write.stream, id: event.id, offset: entry.offset };
      offsets.push(entry.offset);
      revisions.push(entry.revision);
    }
  }
  if (firstFound === undefined) return undefined;
  if (offsets.length !== total) throw new SluiceError('EVENT_ID_REUSED', firstFound);
  return { offsets, revisions, lastOffset: offsets[offsets.length - 1]!, end: writtenEnd, duplicate: true };
}

/**
 * Assigns revisions to every append of the round whose expectedRevision holds; rejects the others, answers repeats
 * of stored ids with their original result, and defers (into `deferred`) appends repeating ids claimed this round.
 * `before` collects each touched stream's revision before the round.
 */
export function acceptRound(
  round: readonly PendingAppend[], revisions: Map<string, number>, ids: EventIdIndex, writtenEnd: Offset,
  before: Map<string, number | undefined>, deferred: PendingAppend[],
): AcceptedAppend[] {
  const accepted: AcceptedAppend[] = [];
  const roundIds = new Set<string>();
  for (const pending of round) {
    const undo = new Map<string, number | undefined>();
    try {
      const repeat = findRepeat(pending, ids, roundIds, writtenEnd);
      if (repeat === 'round') {
        deferred.push(pending);
        continue;
      }
      if (repeat !== undefined) {
        pending.resolve(repeat);
        continue;
      }
      const assigned = pending.writes.map((write) => {
        const current = revisions.get(write.stream);
        checkExpected(write.stream, write.expectedRevision, current);
        if (!undo.has(write.stream)) undo.set(write.stream, current);
        if (!before.has(write.stream)) before.set(write.stream, current);
        const first = (current ?? -1) + 1;
        if (first + write.events.length - 1 > MAX_REVISION) throw new SluiceError('EVENT_INVALID', { reason: `stream ${write.stream} is full` });
        revisions.set(write.stream, first + write.events.length - 1);
        return write.events.map((_, i) => first + i);
      });
      accepted.push({ pending, revisions: assigned });
      for (const write of pending.writes) for (const event of write.events) if (event.id !== undefined) roundIds.add(`${write.stream}\n${event.id}`);
    } catch (err) {
      restoreRevisions(revisions, undo);
      pending.reject(err);
    }
  }
  return accepted;
}

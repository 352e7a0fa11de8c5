// Which appends of a group-commit round are written: each one's expectedRevision is checked against the revisions
// so far (those accepted earlier in the round included), and an append repeating stored event ids is answered with
// the original result instead. Revisions are assigned here, every change saved in the round's undo log, so the
// caller can put them back if the round's write fails.
import { ConcurrencyError, SluiceError } from '../errors.js';
import type { EncodedWrite } from './append-encoder.js';
import { MAX_REVISION } from './event-codec.js';
import type { EventIdIndex } from './event-id-index.js';
import type { AppendResult, ExpectedRevision, Offset } from './event-log.js';
import type { RevisionUndo } from './revision-undo.js';

export interface PendingAppend {
  readonly writes: readonly EncodedWrite[];
  /** The append's frames, encoded but not yet stamped (append-encoder.ts). */
  readonly frames: Buffer;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (err: unknown) => void;
}

export interface AcceptedAppend {
  readonly pending: PendingAppend;
  /** The first revision of each write. */
  readonly firsts: number[];
}

function checkExpected(stream: string, expected: ExpectedRevision | undefined, current: number | undefined): void {
  if (expected === undefined || expected === 'any') return;
  const holds = expected === 'no_stream' ? current === undefined
    : expected === 'exists' ? current !== undefined
    : current === expected;
  if (!holds) throw new ConcurrencyError(stream, expected, current ?? null);
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
    total += write.count;
    if (write.ids === undefined) continue;
    for (const id of write.ids) {
      if (id === undefined) continue;
      if (roundIds.has(`${write.stream}\n${id}`)) return 'round';
      const entry = ids.find(write.stream, id);
      if (entry === undefined) continue;
      firstFound ??= { stream: write.stream, id, offset: entry.offset };
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
 */
export function acceptRound(
  round: readonly PendingAppend[], revisions: Map<string, number>, ids: EventIdIndex, writtenEnd: Offset,
  undo: RevisionUndo, deferred: PendingAppend[],
): AcceptedAppend[] {
  const accepted: AcceptedAppend[] = [];
  const roundIds = new Set<string>();
  for (const pending of round) {
    const mark = undo.mark;
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
      const firsts = pending.writes.map((write) => {
        const current = revisions.get(write.stream);
        checkExpected(write.stream, write.expectedRevision, current);
        undo.save(write.stream, current);
        const first = (current ?? -1) + 1;
        if (first + write.count - 1 > MAX_REVISION) throw new SluiceError('EVENT_INVALID', { reason: `stream ${write.stream} is full` });
        revisions.set(write.stream, first + write.count - 1);
        return first;
      });
      accepted.push({ pending, firsts });
      for (const write of pending.writes) for (const id of write.ids ?? []) if (id !== undefined) roundIds.add(`${write.stream}\n${id}`);
    } catch (err) {
      undo.undoTo(mark, revisions);
      pending.reject(err);
    }
  }
  return accepted;
}

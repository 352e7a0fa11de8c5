// The writer's append loop: every queued append that passes its expectedRevision check goes into one buffer, one
// `write` and (in `fsync` mode) one `fdatasync` shared by the whole round. Results are published only once the
// bytes are where the durability mode promises; after an I/O failure nothing more is written (fsyncgate).
import { join } from 'node:path';
import { ConcurrencyError, SluiceError } from '../errors.js';
import type { EncodedWrite } from './append-encoder.js';
import { MAX_REVISION } from './event-codec.js';
import type { EventIdIndex } from './event-id-index.js';
import type { AppendResult, DurabilityMode, ExpectedRevision, Offset } from './event-log.js';
import { stampFrame } from './frame-codec.js';
import type { LogFileSystem } from './log-file-system.js';
import type { LogSegment, SegmentReader } from './segment-reader.js';
import { segmentFileName } from './segment-names.js';
import { RevisionUndo } from './revision-undo.js';
import { saveCheckpoint } from './stream-checkpoint.js';

export const CHECKPOINT_FILE = 'streams.ckpt';

export interface PendingAppend {
  readonly writes: readonly EncodedWrite[];
  /** The append's frames, encoded but not yet stamped (append-encoder.ts). */
  readonly frames: Buffer;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (err: unknown) => void;
}

export interface GroupCommitOptions {
  readonly dir: string;
  readonly fs: LogFileSystem;
  readonly salt: number;
  readonly mode: DurabilityMode;
  readonly segmentBytes: number;
  readonly batchIntervalMs: number;
  readonly checkpointBytes: number;
  /** The ids of recent events: an append repeating them is answered with the original result, not written again. */
  readonly ids: EventIdIndex;
  readonly reader: SegmentReader;
  /** Each stream's last revision, advanced as appends are accepted (restored when their write fails). */
  readonly revisions: Map<string, number>;
  /** Makes records up to `end` visible (readers, listeners). */
  readonly publish: (end: Offset) => void;
}

function checkExpected(stream: string, expected: ExpectedRevision | undefined, current: number | undefined): void {
  if (expected === undefined || expected === 'any') return;
  const holds = expected === 'no_stream' ? current === undefined
    : expected === 'exists' ? current !== undefined
    : current === expected;
  if (!holds) throw new ConcurrencyError(stream, expected, current ?? null);
}

export class GroupCommit {
  private writtenEnd: Offset;
  private syncedEnd: Offset;
  private checkpointedAt: Offset;
  private queue: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private batchTimer: NodeJS.Timeout | undefined;
  /** The `batch` mode sync in flight, awaited on close so it never runs on a closed descriptor. */
  private batchSync: Promise<void> | undefined;
  /** The I/O error that stopped writing, if any. */
  failure: Error | undefined;

  constructor(private readonly o: GroupCommitOptions, end: Offset) {
    this.writtenEnd = this.syncedEnd = this.checkpointedAt = end;
  }

  enqueue(pending: PendingAppend): void {
    this.queue.push(pending);
    this.flushing ??= this.flushLoop();
  }

  private get segments(): LogSegment[] {
    return this.o.reader.segments;
  }

  private activeSegment(): LogSegment {
    return this.segments[this.segments.length - 1]!;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const round = this.queue;
        this.queue = [];
        const deferred = await this.commitRound(round);
        // Appends that repeat ids of an append accepted in the same round are judged once its ids are known.
        if (deferred.length > 0) this.queue.unshift(...deferred);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /**
   * Whether `pending` repeats an earlier append: every event's id is in the index (the original result), or none is
   * (undefined). 'round' when an id was claimed earlier in this round. Anything in between is refused.
   */
  private findRepeat(pending: PendingAppend, roundIds: Set<string>): AppendResult | 'round' | undefined {
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
        const entry = this.o.ids.find(write.stream, id);
        if (entry === undefined) continue;
        firstFound ??= { stream: write.stream, id, offset: entry.offset };
        offsets.push(entry.offset);
        revisions.push(entry.revision);
      }
    }
    if (firstFound === undefined) return undefined;
    if (offsets.length !== total) throw new SluiceError('EVENT_ID_REUSED', firstFound);
    return { offsets, revisions, lastOffset: offsets[offsets.length - 1]!, end: this.writtenEnd, duplicate: true };
  }

  /**
   * Assigns revisions to every append of the round whose expectedRevision holds; rejects the others, answers repeats
   * of stored ids with their original result, and defers (into `deferred`) appends repeating ids claimed this round.
   */
  private accept(round: PendingAppend[], undo: RevisionUndo, deferred: PendingAppend[]): { pending: PendingAppend; firsts: number[] }[] {
    const { revisions } = this.o;
    const accepted: { pending: PendingAppend; firsts: number[] }[] = [];
    const roundIds = new Set<string>();
    for (const pending of round) {
      const mark = undo.mark;
      try {
        const repeat = this.findRepeat(pending, roundIds);
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
          undo.save(write.stream, current);
          const first = (current ?? -1) + 1;
          if (first + write.count - 1 > MAX_REVISION) throw new SluiceError('EVENT_INVALID', { reason: `stream ${write.stream} is full` });
          revisions.set(write.stream, first + write.count - 1);
          return first;
        });
        accepted.push({ pending, firsts: assigned });
        for (const write of pending.writes) for (const id of write.ids ?? []) if (id !== undefined) roundIds.add(`${write.stream}\n${id}`);
      } catch (err) {
        undo.undoTo(mark, revisions);
        pending.reject(err);
      }
    }
    return accepted;
  }

  /** One group commit: every queued append that passes its revision check, in one write and one sync. */
  private async commitRound(round: PendingAppend[]): Promise<PendingAppend[]> {
    const deferred: PendingAppend[] = [];
    if (this.failure) {
      for (const pending of round) pending.reject(new SluiceError('LOG_FAILED', { reason: this.failure.message }));
      return deferred;
    }
    /** Each stream's revision before this round, restored if the round's write or sync fails. */
    const undo = new RevisionUndo();
    const accepted = this.accept(round, undo, deferred);
    if (accepted.length === 0) return deferred;
    try {
      if (this.writtenEnd - this.activeSegment().base >= this.o.segmentBytes) await this.roll();
      const start = this.writtenEnd;
      const synced = this.o.mode === 'fsync' ? start : this.syncedEnd;
      // A lone append's frames are written from its own buffer; a group's are gathered into one.
      const buf = accepted.length === 1 ? accepted[0]!.pending.frames : Buffer.concat(accepted.map(({ pending }) => pending.frames));
      let pos = 0;
      const results: AppendResult[] = [];
      for (const { pending, firsts } of accepted) {
        const offsets: number[] = [];
        const flat: number[] = [];
        const lastWrite = pending.writes.length - 1;
        for (let w = 0; w <= lastWrite; w++) {
          const write = pending.writes[w]!;
          for (let e = 0; e < write.count; e++) {
            const revision = firsts[w]! + e;
            offsets.push(start + pos);
            flat.push(revision);
            const id = write.ids?.[e];
            if (id !== undefined) this.o.ids.add(write.stream, id, start + pos, revision);
            pos += stampFrame(buf, pos, start + pos, this.o.salt, synced, revision, w === lastWrite && e === write.count - 1);
          }
        }
        results.push({ offsets, revisions: flat, lastOffset: offsets[offsets.length - 1]!, end: start + pos });
      }
      const active = this.activeSegment();
      active.file.write(buf, start - active.base);
      this.writtenEnd = start + buf.length;
      if (this.o.mode === 'fsync') {
        await active.file.datasync();
        this.syncedEnd = this.writtenEnd;
      } else if (this.o.mode === 'batch') {
        this.scheduleBatchSync();
      }
      this.o.ids.evict(this.writtenEnd);
      this.o.publish(this.writtenEnd);
      accepted.forEach(({ pending }, i) => pending.resolve(results[i]!));
    } catch (err) {
      // The outcome on disk is unknown (fsyncgate): stop writing; reopening recovers whatever is really there.
      this.failure = err as Error;
      undo.undoTo(0, this.o.revisions);
      for (const { pending } of accepted) pending.reject(new SluiceError('LOG_FAILED', { reason: (err as Error).message }, { cause: err }));
      for (const pending of deferred) pending.reject(new SluiceError('LOG_FAILED', { reason: (err as Error).message }, { cause: err }));
      return [];
    }
    // After the acknowledgements: a checkpoint is only a shortcut for the next open, so its failure fails no append.
    await this.maybeCheckpoint();
    return deferred;
  }

  /** Starts a new segment. The old one is synced first: recovery relies on only the last segment having a torn tail. */
  private async roll(): Promise<void> {
    await this.activeSegment().file.datasync();
    this.syncedEnd = this.writtenEnd;
    const base = this.writtenEnd;
    const file = this.o.fs.openFile(join(this.o.dir, segmentFileName(base)), 'write');
    await this.o.fs.syncDir(this.o.dir);
    this.segments.push({ base, file });
  }

  private scheduleBatchSync(): void {
    if (this.batchTimer) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      const target = this.writtenEnd;
      this.batchSync = this.activeSegment().file.datasync().then(
        () => { this.syncedEnd = Math.max(this.syncedEnd, target); },
        (err: Error) => { this.failure ??= err; },
      );
    }, this.o.batchIntervalMs);
    this.batchTimer.unref();
  }

  /** Saves revisions once enough new log is durable; syncs first in the relaxed modes. */
  private async maybeCheckpoint(): Promise<void> {
    if (this.writtenEnd - this.checkpointedAt < this.o.checkpointBytes) return;
    await this.writeCheckpoint();
  }

  /** Returns whether a checkpoint was saved. */
  private async writeCheckpoint(): Promise<boolean> {
    const target = this.writtenEnd;
    if (this.syncedEnd < target) {
      try {
        await this.activeSegment().file.datasync();
      } catch (err) {
        this.failure ??= err as Error; // a failed sync is never retried as if it had worked
        return false;
      }
      this.syncedEnd = target;
    }
    try {
      await saveCheckpoint(this.o.fs, join(this.o.dir, CHECKPOINT_FILE), this.o.salt, target, this.o.revisions);
      this.checkpointedAt = target;
      return true;
    } catch {
      // No checkpoint this time (e.g. out of file descriptors): the next one, or a longer scan on open, covers it.
      return false;
    }
  }

  /**
   * Saves the revisions checkpoint now, between two rounds so no accepted-but-unwritten revision is in it
   * (retention needs one before it removes segments). Appends queued meanwhile wait for it. Returns whether it saved.
   */
  async checkpoint(): Promise<boolean> {
    while (this.flushing) await this.flushing;
    // From here to the assignment below nothing awaits, so no round can start in between.
    if (this.failure) return false;
    const run = this.writeCheckpoint();
    this.flushing = run.then(() => {
      this.flushing = undefined;
      if (this.queue.length > 0) this.flushing = this.flushLoop();
    });
    return run;
  }

  /** Forces everything written so far to disk. */
  async sync(): Promise<void> {
    const target = this.writtenEnd;
    await this.activeSegment().file.datasync();
    this.syncedEnd = Math.max(this.syncedEnd, target);
  }

  /** Resolves once the appends already queued have completed. */
  async settle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  /** After settle(): stops the batch timer and leaves a checkpoint for the next open. */
  async finish(): Promise<void> {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    await this.batchSync;
    if (!this.failure) await this.writeCheckpoint();
  }
}

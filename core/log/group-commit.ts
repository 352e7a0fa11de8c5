// The writer's append loop: every queued append that passes its expectedRevision check goes into one buffer, one
// `write` and (in `fsync` mode) one `fdatasync` shared by the whole round. Results are published only once the
// bytes are where the durability mode promises; after an I/O failure nothing more is written (fsyncgate), except
// that a full disk heals: once space is back, the tail is cut back to the last acknowledged record (tail-repair.ts).
import { join } from 'node:path';
import { isDiskFull } from '../disk-full.js';
import type { EventIdIndex } from './event-id-index.js';
import type { AppendResult, DurabilityMode, Offset } from './event-log.js';
import { stampFrame } from './frame-codec.js';
import type { LogFileSystem } from './log-file-system.js';
import type { LogSegment, SegmentReader } from './segment-reader.js';
import { segmentFileName } from './segment-names.js';
import { RevisionUndo } from './revision-undo.js';
import { acceptRound, type PendingAppend } from './round-acceptance.js';
import { saveCheckpoint } from './stream-checkpoint.js';
import { AcknowledgedTailDamaged, probeBytes, repairTail } from './tail-repair.js';
import { datasync, isSyncError, WriterFailure } from './writer-failure.js';

export type { PendingAppend } from './round-acceptance.js';

export const CHECKPOINT_FILE = 'streams.ckpt';

export interface GroupCommitOptions {
  readonly dir: string;
  readonly fs: LogFileSystem;
  readonly salt: number;
  readonly maxBody: number;
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

export class GroupCommit {
  private writtenEnd: Offset;
  private syncedEnd: Offset;
  private checkpointedAt: Offset;
  private queue: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private batchTimer: NodeJS.Timeout | undefined;
  /** The `batch` mode sync in flight, awaited on close so it never runs on a closed descriptor. */
  private batchSync: Promise<void> | undefined;
  /** The I/O failure that stopped writing, if any, and the probes that heal a full disk. */
  readonly failed = new WriterFailure(() => void this.recover());
  /** The background probe in flight, awaited on close. */
  private probe: Promise<void> | undefined;
  private finished = false;

  constructor(private readonly o: GroupCommitOptions, end: Offset) {
    this.writtenEnd = this.syncedEnd = this.checkpointedAt = end;
  }

  /** The I/O error that stopped writing, if any. */
  get failure(): Error | undefined {
    return this.failed.error;
  }

  /**
   * Stops writing after `err`. A full disk heals by itself unless the failed call was a sync covering acknowledged
   * but unsynced bytes: the kernel may have dropped them, so only a restart's recovery may judge what is on disk.
   */
  private fail(err: unknown, neededBytes = 0): void {
    const error = err instanceof Error ? err : new Error(String(err));
    const lostSync = isSyncError(error) && this.syncedEnd < this.o.reader.end;
    this.failed.set(error, isDiskFull(error) && !lostSync, neededBytes);
  }

  /**
   * Heals a full disk: the tail is checked, cut back to the acknowledged end and probed for space (tail-repair.ts).
   * Runs between rounds. Returns whether writing may resume; a still-full disk schedules the next probe.
   */
  private async repair(): Promise<boolean> {
    const acked = this.o.reader.end;
    this.failed.probing();
    try {
      await repairTail({
        segments: this.segments, acked, checkFrom: Math.min(this.syncedEnd, acked), salt: this.o.salt, maxBody: this.o.maxBody,
        probeBytes: probeBytes(this.failed.neededBytes),
      });
    } catch (err) {
      if (err instanceof AcknowledgedTailDamaged || !isDiskFull(err)) this.failed.set(err as Error, false);
      else this.failed.schedule();
      return false;
    }
    this.writtenEnd = this.syncedEnd = acked;
    this.failed.clear();
    return true;
  }

  /** The background probe: waits for the rounds in flight, then repairs between two rounds. */
  private async recover(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (!this.failed.recoverable || this.probe || this.finished) return;
    const run = this.repair().then(() => undefined);
    this.probe = run;
    this.flushing = run.then(() => {
      this.probe = undefined;
      this.flushing = undefined;
      this.resumeLoop();
    });
    await this.flushing;
  }

  /** Callers of checkpoint() while the append loop runs: answered between two rounds. */
  private readonly checkpointWaiters: ((saved: boolean) => void)[] = [];

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

  /** Restarts the append loop after a repair or a checkpoint held it, if appends or checkpoints wait for it. */
  private resumeLoop(): void {
    if (this.queue.length > 0 || this.checkpointWaiters.length > 0) this.flushing = this.flushLoop();
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0 || this.checkpointWaiters.length > 0) {
        // A checkpoint asked for while appends keep coming runs between two rounds, never after the last one.
        if (this.checkpointWaiters.length > 0) {
          const waiters = this.checkpointWaiters.splice(0);
          const saved = this.failure ? false : await this.writeCheckpoint();
          for (const resolve of waiters) resolve(saved);
          continue;
        }
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

  /** One group commit: every queued append that passes its revision check, in one write and one sync. */
  private async commitRound(round: PendingAppend[]): Promise<PendingAppend[]> {
    const deferred: PendingAppend[] = [];
    if (this.failed.probeDue) await this.repair();
    const stopped = this.failed.appendError();
    if (stopped) {
      for (const pending of round) pending.reject(stopped);
      return deferred;
    }
    /** Each stream's revision before this round, restored if the round's write or sync fails. */
    const undo = new RevisionUndo();
    const accepted = acceptRound(round, this.o.revisions, this.o.ids, this.writtenEnd, undo, deferred);
    if (accepted.length === 0) return deferred;
    try {
      if (this.writtenEnd - this.activeSegment().base >= this.o.segmentBytes) await this.roll();
      const start = this.writtenEnd;
      const synced = this.o.mode === 'fsync' ? start : this.syncedEnd;
      // A lone append's frames are written from its own buffer; a group's are gathered into one.
      const buf = accepted.length === 1 ? accepted[0]!.pending.frames : Buffer.concat(accepted.map(({ pending }) => pending.frames));
      let pos = 0;
      const results: AppendResult[] = [];
      // Ids join the index only once their records are written: a failed append's ids must not answer a retry.
      const ids: [string, string, number, number][] = [];
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
            if (id !== undefined) ids.push([write.stream, id, start + pos, revision]);
            pos += stampFrame(buf, pos, start + pos, this.o.salt, synced, revision, w === lastWrite && e === write.count - 1);
          }
        }
        results.push({ offsets, revisions: flat, lastOffset: offsets[offsets.length - 1]!, end: start + pos });
      }
      const active = this.activeSegment();
      active.file.write(buf, start - active.base);
      this.writtenEnd = start + buf.length;
      if (this.o.mode === 'fsync') {
        await datasync(active.file);
        this.syncedEnd = this.writtenEnd;
      } else if (this.o.mode === 'batch') {
        this.scheduleBatchSync();
      }
      for (const [stream, id, offset, revision] of ids) this.o.ids.add(stream, id, offset, revision);
      this.o.ids.evict(this.writtenEnd);
      this.o.publish(this.writtenEnd);
      accepted.forEach(({ pending }, i) => pending.resolve(results[i]!));
    } catch (err) {
      // The outcome on disk is unknown (fsyncgate): stop writing. Nothing of this round is acknowledged; a repair
      // (full disk) or reopening (anything else) cuts whatever of it reached the file.
      this.fail(err, accepted.reduce((sum, { pending }) => sum + pending.frames.length, 0));
      undo.undoTo(0, this.o.revisions);
      await this.cutBack();
      const stopped = this.failed.appendError()!;
      for (const { pending } of accepted) pending.reject(stopped);
      for (const pending of deferred) pending.reject(stopped);
      return [];
    }
    // After the acknowledgements: a checkpoint is only a shortcut for the next open, so its failure fails no append.
    await this.maybeCheckpoint();
    return deferred;
  }

  /**
   * Cuts what a failed round wrote (whole frames of a refused append may be among it) before the refusal is
   * answered, so that neither a repair nor a restart's recovery can find a refused append. Best effort: the repair
   * cuts it too. A failed sync here counts as a failure of its own (it may cover acknowledged bytes).
   */
  private async cutBack(): Promise<void> {
    const active = this.activeSegment();
    const at = this.o.reader.end - active.base;
    try {
      if (at < 0 || active.file.size() <= at) return;
      active.file.truncate(at);
    } catch {
      return;
    }
    await datasync(active.file).catch((err: unknown) => this.fail(err));
  }

  /** Starts a new segment. The old one is synced first: recovery relies on only the last segment having a torn tail. */
  private async roll(): Promise<void> {
    await datasync(this.activeSegment().file);
    this.syncedEnd = this.writtenEnd;
    const base = this.writtenEnd;
    const file = this.o.fs.openFile(join(this.o.dir, segmentFileName(base)), 'write');
    try {
      await this.o.fs.syncDir(this.o.dir);
    } catch (err) {
      file.close(); // the empty file is reused by the next roll, or ends the log as an empty segment on open
      throw err;
    }
    this.segments.push({ base, file });
  }

  private scheduleBatchSync(): void {
    if (this.batchTimer) return;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = undefined;
      const target = this.writtenEnd;
      this.batchSync = datasync(this.activeSegment().file).then(
        () => { this.syncedEnd = Math.max(this.syncedEnd, target); },
        (err: Error) => { this.fail(err); },
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
        await datasync(this.activeSegment().file);
      } catch (err) {
        this.fail(err); // a failed sync is never retried as if it had worked
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
    // While rounds run, the append loop saves it between two of them (a busy writer would never be idle).
    if (this.flushing) return new Promise((resolve) => this.checkpointWaiters.push(resolve));
    // From here to the assignment below nothing awaits, so no round can start in between.
    if (this.failure) return false;
    const run = this.writeCheckpoint();
    this.flushing = run.then(() => {
      this.flushing = undefined;
      this.resumeLoop();
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
    this.finished = true;
    this.failed.stop();
    await this.probe;
    await this.batchSync;
    if (!this.failure) await this.writeCheckpoint();
  }
}

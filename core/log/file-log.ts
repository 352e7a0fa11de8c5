// The file log: segment files of checksummed frames, one writer with group commit, any number of readers.
// Invariant: every record below `end` is complete, committed and (in `fsync` mode) durable.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConcurrencyError, SluiceError } from '../errors.js';
import { assertStreamName, prepareEvent, MAX_REVISION, type PreparedEvent } from './event-codec.js';
import type {
  AppendResult, DamagedRange, DurabilityMode, EventLog, ExpectedRevision, LogRecord, NewEvent, Offset, ReadOptions,
  StreamWrite, VerifyReport,
} from './event-log.js';
import { frameBytes, frameStreamRevision, writeFrame } from './frame-codec.js';
import { NodeLogFileSystem, type LogFileSystem } from './log-file-system.js';
import { segmentsToRemove, type RetentionPolicy, type RetentionReport } from './log-retention.js';
import { clearErasureJournal, eraseRecords, loadErasureJournal, writeErasedFrames, type ErasureReport } from './log-eraser.js';
import { scanSegments, segmentIndexOf, type TailPolicy } from './log-scanner.js';
import { SegmentReader, type FrameVisitor, type LogSegment } from './segment-reader.js';
import { segmentBases, segmentFileName } from './segment-names.js';
import { loadCheckpoint, saveCheckpoint } from './stream-checkpoint.js';
import { WriterLock } from './writer-lock.js';

export interface FileLogOptions {
  readonly dir: string;
  /** Default `fsync`: an append resolves only once its bytes are on disk. */
  readonly fsync?: DurabilityMode;
  readonly readOnly?: boolean;
  /** A segment is closed and a new one started once it reaches this size. Default 128 MiB. */
  readonly segmentBytes?: number;
  /** Largest encoded event accepted. Default 64 MiB payload plus 1 MiB for its other fields. */
  readonly maxRecordBytes?: number;
  /** `batch` mode: how often written data is synced. Default 50 ms. */
  readonly batchIntervalMs?: number;
  /** Revisions checkpoint interval in bytes of log. Default 64 MiB. */
  readonly checkpointBytes?: number;
  readonly fs?: LogFileSystem;
  /** Take the writer lock (default true for writers). Tests over an in-memory file system turn it off. */
  readonly lock?: boolean;
}

interface PendingAppend {
  readonly writes: { stream: string; events: PreparedEvent[]; expectedRevision: ExpectedRevision | undefined }[];
  readonly bytes: number;
  readonly resolve: (result: AppendResult) => void;
  readonly reject: (err: unknown) => void;
}

interface LogMeta {
  format: 'sluice-log';
  version: 1;
  salt: number;
}

const META_FILE = 'log.meta';
const CHECKPOINT_FILE = 'streams.ckpt';

function checkExpected(stream: string, expected: ExpectedRevision | undefined, current: number | undefined): void {
  if (expected === undefined || expected === 'any') return;
  const holds = expected === 'no_stream' ? current === undefined
    : expected === 'exists' ? current !== undefined
    : current === expected;
  if (!holds) throw new ConcurrencyError(stream, expected, current ?? null);
}

function assertExpectedRevision(value: unknown): asserts value is ExpectedRevision | undefined {
  if (value === undefined || value === 'any' || value === 'no_stream' || value === 'exists') return;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return;
  throw new SluiceError('EVENT_INVALID', { reason: `expectedRevision must be a non-negative integer, "no_stream", "exists" or "any", got ${JSON.stringify(value)}` });
}

export class FileLog implements EventLog {
  private writtenEnd = 0;
  private syncedEnd = 0;
  private checkpointedAt = 0;
  private queue: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private batchTimer: NodeJS.Timeout | undefined;
  /** The `batch` mode sync in flight, awaited on close so it never runs on a closed descriptor. */
  private batchSync: Promise<void> | undefined;
  private failure: Error | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly listeners = new Set<(end: Offset) => void>();
  private readonly reader: SegmentReader;
  /** Erasures run one at a time (each rewrites the journal). */
  private erasing: Promise<unknown> = Promise.resolve();
  /** An erasure's journal is on disk: the state derived from the log (views) still needs repair. */
  erasurePending = false;

  private constructor(
    readonly dir: string,
    private readonly fs: LogFileSystem,
    private readonly salt: number,
    private readonly mode: DurabilityMode,
    readonly readOnly: boolean,
    private readonly segmentBytes: number,
    private readonly maxBody: number,
    private readonly batchIntervalMs: number,
    private readonly checkpointBytes: number,
    private readonly revisions: Map<string, number>,
    private readonly lock: WriterLock | undefined,
  ) {
    this.reader = new SegmentReader(salt, maxBody);
  }

  private get segments(): LogSegment[] {
    return this.reader.segments;
  }

  static async open(options: FileLogOptions): Promise<FileLog> {
    const fs = options.fs ?? new NodeLogFileSystem();
    const readOnly = options.readOnly ?? false;
    const { dir } = options;
    if (!readOnly) fs.mkdirp(dir);
    const lock = readOnly || options.lock === false ? undefined : WriterLock.acquire(dir);
    let log: FileLog | undefined;
    try {
      const meta = await FileLog.loadMeta(fs, dir, readOnly);
      // An interrupted erasure finishes before recovery reads a frame: its overwrite may be torn.
      const erasure = readOnly ? undefined : loadErasureJournal(fs, dir, meta.salt);
      if (erasure) await writeErasedFrames(fs, dir, meta.salt, erasure);
      const checkpoint = loadCheckpoint(fs, join(dir, CHECKPOINT_FILE), meta.salt);
      log = new FileLog(
        dir, fs, meta.salt, options.fsync ?? 'fsync', readOnly,
        options.segmentBytes ?? 128 * 1024 * 1024,
        options.maxRecordBytes ?? 65 * 1024 * 1024,
        options.batchIntervalMs ?? 50,
        options.checkpointBytes ?? 64 * 1024 * 1024,
        checkpoint?.streams ?? new Map(),
        lock,
      );
      await log.recover(checkpoint?.offset);
      log.erasurePending = erasure !== undefined;
      return log;
    } catch (err) {
      for (const segment of log?.segments ?? []) segment.file.close();
      lock?.release();
      throw err;
    }
  }

  private static async loadMeta(fs: LogFileSystem, dir: string, readOnly: boolean): Promise<LogMeta> {
    const raw = fs.readFile(join(dir, META_FILE));
    if (raw) {
      let meta: LogMeta;
      try {
        meta = JSON.parse(raw.toString('utf8')) as LogMeta;
      } catch {
        throw new SluiceError('LOG_FORMAT', { dir, reason: `${META_FILE} is not valid JSON` });
      }
      if (meta.format !== 'sluice-log' || meta.version !== 1 || !Number.isInteger(meta.salt)) {
        throw new SluiceError('LOG_FORMAT', { dir, reason: `${META_FILE} describes an unsupported format` });
      }
      return meta;
    }
    if (readOnly) throw new SluiceError('LOG_FORMAT', { dir, reason: 'no log here yet (start a writer first)' });
    if (segmentBases(fs.list(dir)).length > 0) throw new SluiceError('LOG_FORMAT', { dir, reason: `segments without ${META_FILE}` });
    const meta: LogMeta = { format: 'sluice-log', version: 1, salt: randomBytes(4).readUInt32LE(0) };
    await fs.writeFileAtomic(join(dir, META_FILE), Buffer.from(JSON.stringify(meta)));
    return meta;
  }

  private async recover(checkpointOffset: number | undefined): Promise<void> {
    let bases = segmentBases(this.fs.list(this.dir));
    if (bases.length === 0 && !this.readOnly) {
      this.fs.openFile(join(this.dir, segmentFileName(0)), 'write').close();
      await this.fs.syncDir(this.dir);
      bases = [0];
    }
    bases.forEach((base, i) => this.segments.push({
      base,
      file: this.fs.openFile(join(this.dir, segmentFileName(base)), !this.readOnly && i === bases.length - 1 ? 'write' : 'read'),
    }));
    // A reader that arrives before the writer created its first segment sees an empty log until refresh().
    if (this.segments.length === 0) return;
    const last = this.segments[this.segments.length - 1]!;
    const fileEnd = last.base + last.file.size();
    let from = this.segments[0]!.base;
    // A checkpoint is only a shortcut: one that does not name the end of a valid record costs a full scan, never data.
    if (checkpointOffset !== undefined && checkpointOffset >= from && checkpointOffset <= fileEnd
      && this.reader.validRecordEndsAt(segmentIndexOf(this.segments, checkpointOffset), checkpointOffset)) from = checkpointOffset;
    else this.revisions.clear();
    const end = this.scanInto(from, this.readOnly ? 'follow' : 'recover');
    if (!this.readOnly) {
      // A killed writer can leave written-but-unsynced bytes and an unsynced new segment in the page cache: make
      // them durable before they become visible (and before new frames claim them as synced).
      if (end < fileEnd) last.file.truncate(end - last.base);
      await last.file.datasync();
      await this.fs.syncDir(this.dir);
    }
    this.reader.end = this.writtenEnd = this.syncedEnd = this.checkpointedAt = end;
  }

  /** Scans from `from`, folding committed revisions into the map; returns the committed end. */
  private scanInto(from: number, tail: TailPolicy): number {
    let batch: { stream: string; revision: number }[] = [];
    const result = scanSegments(this.segments, from, {
      salt: this.salt,
      maxBody: this.maxBody,
      tail,
      onFrame: (buf, at) => { batch.push(frameStreamRevision(buf, at)); },
      onCommit: () => {
        for (const { stream, revision } of batch) {
          if ((this.revisions.get(stream) ?? -1) < revision) this.revisions.set(stream, revision);
        }
        batch = [];
      },
    });
    this.reader.damaged.push(...result.damaged);
    return result.end;
  }

  get end(): Offset {
    return this.reader.end;
  }

  get start(): Offset {
    return this.reader.start;
  }

  /** Offsets of damaged records found so far (on open, by refresh or by verify). */
  get damagedRanges(): readonly DamagedRange[] {
    return this.reader.damaged;
  }

  streamRevision(stream: string): number | undefined {
    return this.revisions.get(stream);
  }

  /** Every stream with its last revision. */
  streams(): IterableIterator<[string, number]> {
    return this.revisions.entries();
  }

  onAppend(listener: (end: Offset) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- appends -------------------------------------------------------------------------------

  append(stream: string, events: NewEvent | readonly NewEvent[], options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    const list: readonly NewEvent[] = Array.isArray(events) ? events : [events as NewEvent];
    return this.appendBatch([{ stream, events: list, expectedRevision: options.expectedRevision }]);
  }

  appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult> {
    try {
      this.assertWritable();
      if (!Array.isArray(writes) || writes.length === 0) throw new SluiceError('EVENT_INVALID', { reason: 'an append needs at least one event' });
      const now = Date.now();
      let bytes = 0;
      const prepared = writes.map((write) => {
        assertStreamName(write.stream);
        assertExpectedRevision(write.expectedRevision);
        if (!Array.isArray(write.events) || write.events.length === 0) {
          throw new SluiceError('EVENT_INVALID', { reason: `the write to ${write.stream} has no events` });
        }
        const events = write.events.map((event: NewEvent) => {
          const p = prepareEvent(write.stream, event, now);
          if (p.bodyBytes > this.maxBody) throw new SluiceError('LOG_RECORD_TOO_LARGE', { size: p.bodyBytes, limit: this.maxBody });
          bytes += frameBytes(p.bodyBytes);
          return p;
        });
        return { stream: write.stream, events, expectedRevision: write.expectedRevision };
      });
      return new Promise((resolve, reject) => {
        this.queue.push({ writes: prepared, bytes, resolve, reject });
        this.flushing ??= this.flushLoop();
      });
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private assertWritable(): void {
    if (this.closed || this.closing) throw new SluiceError('LOG_CLOSED');
    if (this.readOnly) throw new SluiceError('LOG_READ_ONLY');
    if (this.failure) throw new SluiceError('LOG_FAILED', { reason: this.failure.message });
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const round = this.queue;
        this.queue = [];
        await this.commitRound(round);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  /** One group commit: every queued append that passes its revision check, in one write and one sync. */
  private async commitRound(round: PendingAppend[]): Promise<void> {
    if (this.failure) {
      for (const pending of round) pending.reject(new SluiceError('LOG_FAILED', { reason: this.failure.message }));
      return;
    }
    const accepted: { pending: PendingAppend; revisions: number[][] }[] = [];
    let bytes = 0;
    /** Each stream's revision before this round, restored if the round's write or sync fails. */
    const before = new Map<string, number | undefined>();
    for (const pending of round) {
      const undo = new Map<string, number | undefined>();
      try {
        const revisions = pending.writes.map((write) => {
          const current = this.revisions.get(write.stream);
          checkExpected(write.stream, write.expectedRevision, current);
          if (!undo.has(write.stream)) undo.set(write.stream, current);
          if (!before.has(write.stream)) before.set(write.stream, current);
          const first = (current ?? -1) + 1;
          if (first + write.events.length - 1 > MAX_REVISION) throw new SluiceError('EVENT_INVALID', { reason: `stream ${write.stream} is full` });
          this.revisions.set(write.stream, first + write.events.length - 1);
          return write.events.map((_, i) => first + i);
        });
        accepted.push({ pending, revisions });
        bytes += pending.bytes;
      } catch (err) {
        for (const [stream, revision] of undo) {
          if (revision === undefined) this.revisions.delete(stream);
          else this.revisions.set(stream, revision);
        }
        pending.reject(err);
      }
    }
    if (accepted.length === 0) return;
    try {
      if (this.writtenEnd - this.activeSegment().base >= this.segmentBytes) await this.roll();
      const start = this.writtenEnd;
      const synced = this.mode === 'fsync' ? start : this.syncedEnd;
      const buf = Buffer.allocUnsafe(bytes);
      let pos = 0;
      const results: AppendResult[] = [];
      for (const { pending, revisions } of accepted) {
        const offsets: number[] = [];
        const flat: number[] = [];
        pending.writes.forEach((write, w) => {
          const isLastWrite = w === pending.writes.length - 1;
          write.events.forEach((event, e) => {
            offsets.push(start + pos);
            flat.push(revisions[w]![e]!);
            const commit = isLastWrite && e === write.events.length - 1;
            pos += writeFrame(buf, pos, start + pos, this.salt, synced, event, revisions[w]![e]!, commit);
          });
        });
        results.push({ offsets, revisions: flat, lastOffset: offsets[offsets.length - 1]!, end: start + pos });
      }
      const active = this.activeSegment();
      active.file.write(buf, start - active.base);
      this.writtenEnd = start + bytes;
      if (this.mode === 'fsync') {
        await active.file.datasync();
        this.syncedEnd = this.writtenEnd;
      } else if (this.mode === 'batch') {
        this.scheduleBatchSync();
      }
      this.publish(this.writtenEnd);
      accepted.forEach(({ pending }, i) => pending.resolve(results[i]!));
    } catch (err) {
      // The outcome on disk is unknown (fsyncgate): stop writing; reopening recovers whatever is really there.
      this.failure = err as Error;
      for (const [stream, revision] of before) {
        if (revision === undefined) this.revisions.delete(stream);
        else this.revisions.set(stream, revision);
      }
      for (const { pending } of accepted) pending.reject(new SluiceError('LOG_FAILED', { reason: (err as Error).message }, { cause: err }));
      return;
    }
    // After the acknowledgements: a checkpoint is only a shortcut for the next open, so its failure fails no append.
    await this.maybeCheckpoint();
  }

  private activeSegment(): LogSegment {
    return this.segments[this.segments.length - 1]!;
  }

  /** Starts a new segment. The old one is synced first: recovery relies on only the last segment having a torn tail. */
  private async roll(): Promise<void> {
    await this.activeSegment().file.datasync();
    this.syncedEnd = this.writtenEnd;
    const base = this.writtenEnd;
    const file = this.fs.openFile(join(this.dir, segmentFileName(base)), 'write');
    await this.fs.syncDir(this.dir);
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
    }, this.batchIntervalMs);
    this.batchTimer.unref();
  }

  /** Saves revisions once enough new log is durable; syncs first in the relaxed modes. */
  private async maybeCheckpoint(): Promise<void> {
    if (this.writtenEnd - this.checkpointedAt < this.checkpointBytes) return;
    await this.writeCheckpoint();
  }

  private async writeCheckpoint(): Promise<void> {
    const target = this.writtenEnd;
    if (this.syncedEnd < target) {
      try {
        await this.activeSegment().file.datasync();
      } catch (err) {
        this.failure ??= err as Error; // a failed sync is never retried as if it had worked
        return;
      }
      this.syncedEnd = target;
    }
    try {
      await saveCheckpoint(this.fs, join(this.dir, CHECKPOINT_FILE), this.salt, target, this.revisions);
      this.checkpointedAt = target;
    } catch {
      // No checkpoint this time (e.g. out of file descriptors): the next one, or a longer scan on open, covers it.
    }
  }

  private publish(end: Offset): void {
    this.reader.end = end;
    for (const listener of this.listeners) {
      try {
        listener(end);
      } catch {
        /* a listener's failure is its own */
      }
    }
  }

  // ---- reads (see segment-reader.ts) --------------------------------------------------------

  read(offset: Offset): Promise<LogRecord> {
    return this.reader.read(offset);
  }

  readSync(offset: Offset): LogRecord {
    return this.reader.readSync(offset);
  }

  readBatch(from: Offset, options?: { limit?: number; maxBytes?: number; until?: Offset }): { records: LogRecord[]; next: Offset } {
    return this.reader.readBatch(from, options);
  }

  visitFrames(from: Offset, options: { maxBytes?: number; until?: Offset }, visit: FrameVisitor): Offset {
    return this.reader.visitFrames(from, options, visit);
  }

  readForward(from: Offset, options?: ReadOptions): AsyncIterable<LogRecord> {
    return this.reader.readForward(from, options);
  }

  readBackward(options?: ReadOptions & { before?: Offset }): AsyncIterable<LogRecord> {
    return this.reader.readBackward(options);
  }

  async refresh(): Promise<Offset> {
    if (!this.readOnly || this.closed) return this.reader.end;
    const bases = segmentBases(this.fs.list(this.dir));
    for (const base of bases) {
      if (this.segments.length === 0 || base > this.segments[this.segments.length - 1]!.base) {
        this.segments.push({ base, file: this.fs.openFile(join(this.dir, segmentFileName(base)), 'read') });
      }
    }
    if (this.segments.length === 0) return this.reader.end;
    const end = this.scanInto(this.reader.end, 'follow');
    if (end > this.reader.end) {
      this.writtenEnd = this.syncedEnd = end;
      this.publish(end);
    }
    return this.reader.end;
  }

  async verify(): Promise<VerifyReport> {
    this.reader.assertOpen();
    const started = Date.now();
    const streams = new Set<string>();
    let records = 0;
    // A reader's end stops at the first bad frame of the last segment, so it scans to the files' end instead,
    // telling damage in acknowledged data from a writer's unfinished tail as recovery does.
    await this.refresh();
    const result = scanSegments(this.segments, this.start, {
      salt: this.salt,
      maxBody: this.maxBody,
      tail: this.readOnly ? 'recover' : 'verify',
      until: this.readOnly ? undefined : this.reader.end,
      onFrame: (buf, at) => {
        records++;
        streams.add(frameStreamRevision(buf, at).stream);
      },
    });
    for (const range of result.damaged) {
      if (!this.reader.damaged.some((known) => known.offset === range.offset)) this.reader.damaged.push(range);
    }
    return { records, streams: streams.size, bytes: Math.max(result.end, this.reader.end) - this.start, damaged: result.damaged, ms: Date.now() - started };
  }

  /**
   * Erases the records at `offsets` in place (log-eraser.ts): all validated first, then journalled, overwritten and
   * synced. The journal stays until `clearErasureJournal()`, called once derived state (views) is repaired.
   */
  erase(offsets: readonly Offset[]): Promise<ErasureReport> {
    try {
      this.assertWritable();
    } catch (err) {
      return Promise.reject(err);
    }
    const run = this.erasing.then(async () => {
      const report = await eraseRecords(this.fs, this.dir, this.salt, this.reader, offsets);
      if (report.erased > 0) this.erasurePending = true;
      return report;
    });
    this.erasing = run.catch(() => undefined);
    return run;
  }

  /**
   * Removes whole sealed segments from the front of the log as `policy` says (log-retention.ts). The revisions
   * checkpoint is saved first, so streams whose records all go keep their revisions. Not while an erasure's
   * journal is pending (its targets may lie in those segments).
   */
  async applyRetention(policy: RetentionPolicy, now = Date.now()): Promise<RetentionReport> {
    this.assertWritable();
    const run = this.erasing.then(async () => {
      const none = { segments: 0, bytes: 0, start: this.start };
      if (this.erasurePending) return none;
      const bases = this.segments.map((s) => s.base);
      const count = segmentsToRemove(bases, this.reader.end, policy, now, (i) => {
        for (const record of this.reader.readBatchBackwardOne(bases[i + 1]!)) return record.ts;
        return undefined;
      });
      if (count === 0) return none;
      while (this.flushing) await this.flushing;
      await this.writeCheckpoint();
      const removed = this.segments.splice(0, count);
      for (const segment of removed) {
        segment.file.close();
        this.fs.remove(join(this.dir, segmentFileName(segment.base)));
      }
      await this.fs.syncDir(this.dir);
      return { segments: count, bytes: this.start - removed[0]!.base, start: this.start };
    });
    this.erasing = run.catch(() => undefined);
    return run;
  }

  async clearErasureJournal(): Promise<void> {
    if (this.readOnly) return;
    await this.erasing;
    await clearErasureJournal(this.fs, this.dir);
    this.erasurePending = false;
  }

  async sync(): Promise<void> {
    if (this.readOnly || this.closed || this.segments.length === 0) return;
    const target = this.writtenEnd;
    await this.activeSegment().file.datasync();
    this.syncedEnd = Math.max(this.syncedEnd, target);
  }

  /** Appends already accepted complete; appends after this call reject, so a busy writer cannot keep it open. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.closed = this.reader.closed = true;
    if (this.batchTimer) clearTimeout(this.batchTimer);
    await this.batchSync;
    try {
      if (!this.readOnly && !this.failure) await this.writeCheckpoint();
    } finally {
      for (const segment of this.segments) segment.file.close();
      this.listeners.clear();
      this.lock?.release();
    }
  }
}

export function openFileLog(options: FileLogOptions): Promise<FileLog> {
  return FileLog.open(options);
}

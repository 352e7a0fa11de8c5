// The file log: segment files of checksummed frames, one writer with group commit, any number of readers.
// Invariant: every record below `end` is complete, committed and (in `fsync` mode) durable.
// Opening and recovery live in log-meta.ts and log-recovery.ts, the append loop in group-commit.ts, reads in
// segment-reader.ts, append validation and encoding in append-encoder.ts; this class ties the parts together.
import { join } from 'node:path';
import { SluiceError } from '../errors.js';
import type { ErasableLog } from './erasable-log.js';
import { AppendEncoder } from './append-encoder.js';
import type {
  AppendResult, DamagedRange, DurabilityMode, ExpectedRevision, LogRecord, NewEvent, Offset, ReadOptions,
  StreamWrite, VerifyReport,
} from './event-log.js';
import { EventIdIndex, fillIdIndex, type IdScan } from './event-id-index.js';
import { frameStreamRevision } from './frame-codec.js';
import { CHECKPOINT_FILE, GroupCommit } from './group-commit.js';
import { NodeLogFileSystem, type LogFileSystem } from './log-file-system.js';
import { clearErasureJournal, eraseRecords, type ErasureReport } from './log-eraser.js';
import { loadLogMeta } from './log-meta.js';
import { recoverLog, replayErasureJournal, scanRevisions, type RecoveryContext } from './log-recovery.js';
import { removeLeadingSegments, segmentsBelow, segmentsToRemove, type RetentionFloor, type RetentionPolicy, type RetentionReport } from './log-retention.js';
import { scanSegments } from './log-scanner.js';
import type { DamagedSpan } from './damage-span.js';
import { SegmentReader, type FrameVisitor, type LogSegment } from './segment-reader.js';
import { segmentBases, segmentFileName } from './segment-names.js';
import { loadCheckpoint } from './stream-checkpoint.js';
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
  /** Event ids are remembered (appends repeating them deduplicated) while within this many last bytes of log. Default 64 MiB. */
  readonly idWindowBytes?: number;
}

/** Event ids are remembered for appends within this many last bytes of log, unless the options say otherwise. */
export const DEFAULT_ID_WINDOW_BYTES = 64 * 1024 * 1024;

export class FileLog implements ErasableLog {
  private closed = false;
  private closing: Promise<void> | undefined;
  private readonly listeners = new Set<(end: Offset) => void>();
  private readonly reader: SegmentReader;
  private readonly recovery: RecoveryContext;
  /** The append loop; undefined for read-only logs. */
  private writer: GroupCommit | undefined;
  /** Erasures (and retention) run one at a time (each erasure rewrites the journal). */
  private erasing: Promise<unknown> = Promise.resolve();
  /** Encodes each append's frames while it is validated (one buffer reused across appends). */
  private readonly encoder: AppendEncoder;
  /** An erasure's journal is on disk: the state derived from the log (views) still needs repair. */
  erasurePending = false;

  get durability(): DurabilityMode {
    return this.mode;
  }

  private constructor(
    readonly dir: string,
    private readonly fs: LogFileSystem,
    private readonly salt: number,
    readonly readOnly: boolean,
    private readonly maxBody: number,
    private readonly revisions: Map<string, number>,
    private readonly lock: WriterLock | undefined,
    private readonly mode: DurabilityMode,
  ) {
    this.reader = new SegmentReader(salt, maxBody);
    this.encoder = new AppendEncoder(maxBody);
    this.recovery = { dir, fs, readOnly, salt, maxBody, reader: this.reader, revisions };
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
      const meta = await loadLogMeta(fs, dir, readOnly);
      // An interrupted erasure finishes before recovery reads a frame: its overwrite may be torn.
      const erasurePending = readOnly ? false : await replayErasureJournal(fs, dir, meta.salt);
      const checkpoint = loadCheckpoint(fs, join(dir, CHECKPOINT_FILE), meta.salt);
      const maxBody = options.maxRecordBytes ?? 65 * 1024 * 1024;
      log = new FileLog(dir, fs, meta.salt, readOnly, maxBody, checkpoint?.streams ?? new Map(), lock, options.fsync ?? 'fsync');
      const idScan: IdScan | undefined = readOnly ? undefined : { from: 0, ids: [] };
      log.recovery.idScan = idScan;
      const end = await recoverLog(log.recovery, checkpoint?.offset);
      log.recovery.idScan = undefined;
      log.reader.end = end;
      if (!readOnly) {
        const ids = new EventIdIndex(options.idWindowBytes ?? DEFAULT_ID_WINDOW_BYTES);
        await fillIdIndex(ids, idScan!, log.start, end, (before) => log!.reader.readBackward({ before }), (from, until) => log!.reader.collectIds(from, until));
        log.writer = new GroupCommit({
          ids,
          dir, fs, salt: meta.salt, maxBody, mode: log.mode,
          segmentBytes: options.segmentBytes ?? 128 * 1024 * 1024,
          batchIntervalMs: options.batchIntervalMs ?? 50,
          checkpointBytes: options.checkpointBytes ?? 64 * 1024 * 1024,
          reader: log.reader, revisions: log.revisions, publish: (at) => log!.publish(at),
        }, end);
      }
      log.erasurePending = erasurePending;
      return log;
    } catch (err) {
      for (const segment of log?.segments ?? []) segment.file.close();
      lock?.release();
      throw err;
    }
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
      const writer = this.assertWritable(true);
      if (!Array.isArray(writes) || writes.length === 0) throw new SluiceError('EVENT_INVALID', { reason: 'an append needs at least one event' });
      const { writes: encoded, frames } = this.encoder.encodeAppend(writes, Date.now());
      return new Promise((resolve, reject) => writer.enqueue({ writes: encoded, frames, resolve, reject }));
    } catch (err) {
      return Promise.reject(err);
    }
  }

  /**
   * The writer, unless writing is stopped. `append`: a full disk does not refuse an append here, since the append
   * loop may find space back and write it (or refuses it with SLUICE_ERR_LOG_NO_SPACE).
   */
  private assertWritable(append = false): GroupCommit {
    if (this.closed || this.closing) throw new SluiceError('LOG_CLOSED');
    if (this.writer === undefined) throw new SluiceError('LOG_READ_ONLY');
    const { failed } = this.writer;
    if (failed.error !== undefined && !(append && failed.recoverable)) throw failed.appendError()!;
    return this.writer;
  }

  /**
   * Why appends are refused now, if they are: SLUICE_ERR_LOG_NO_SPACE while the disk is full (writing resumes by
   * itself once space is back), SLUICE_ERR_LOG_FAILED after an I/O error only a restart recovers from.
   */
  writeFailure(): SluiceError | undefined {
    if (this.closed || this.closing) return undefined;
    return this.writer?.failed.appendError();
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

  damagedSpan(offset: Offset): DamagedSpan | undefined {
    return this.reader.damagedSpan(offset);
  }

  readForward(from: Offset, options?: ReadOptions): AsyncIterable<LogRecord> {
    return this.reader.readForward(from, options);
  }

  readBackward(options?: ReadOptions & { before?: Offset }): AsyncIterable<LogRecord> {
    return this.reader.readBackward(options);
  }

  async refresh(): Promise<Offset> {
    if (!this.readOnly || this.closed) return this.reader.end;
    this.openNewSegments();
    if (this.segments.length === 0) return this.reader.end;
    const end = scanRevisions(this.recovery, this.reader.end, 'follow');
    if (end > this.reader.end) this.publish(end);
    return this.reader.end;
  }

  /** A reader opens the segments the writer started since it last looked. */
  private openNewSegments(): void {
    for (const base of segmentBases(this.fs.list(this.dir))) {
      if (this.segments.length === 0 || base > this.segments[this.segments.length - 1]!.base) {
        this.segments.push({ base, file: this.fs.openFile(join(this.dir, segmentFileName(base)), 'read') });
      }
    }
  }

  /**
   * A reader told its end by the writer of the same process (the view round worker): it takes `end` without the
   * scan `refresh` does (no revisions are followed; every frame is still checked when read).
   */
  followTo(end: Offset): void {
    if (!this.readOnly || this.closed || end <= this.reader.end) return;
    const last = this.segments[this.segments.length - 1];
    if (last === undefined || end > last.base + last.file.size()) this.openNewSegments();
    this.reader.end = end;
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
   * Removes whole sealed segments from the front of the log as `policy` says (log-retention.ts), none that holds a
   * record at or past `floor()` (what a view has not folded yet; asked right before the removal, so a build started
   * meanwhile counts). The revisions checkpoint is saved first, so streams whose records all go keep their
   * revisions. Not while an erasure's journal is pending (its targets may lie in those segments).
   */
  async applyRetention(policy: RetentionPolicy, floor?: () => RetentionFloor | undefined, now = Date.now()): Promise<RetentionReport> {
    const writer = this.assertWritable();
    const run = this.erasing.then(async () => {
      const none = { segments: 0, bytes: 0, start: this.start, held: 0 };
      if (this.erasurePending) return none;
      const bases = this.segments.map((s) => s.base);
      const wanted = segmentsToRemove(bases, this.reader.end, policy, now, (i) => {
        for (const record of this.reader.readBatchBackwardOne(bases[i + 1]!)) return record.ts;
        return undefined;
      });
      if (wanted === 0) return none;
      // Without a checkpoint past them, the next open would lose the revisions of streams held only there.
      if (!await writer.checkpoint()) return none;
      const needed = floor?.();
      const count = needed === undefined ? wanted : segmentsBelow(bases, wanted, needed.next);
      const held = wanted - count;
      const report = { ...none, held, ...(held > 0 ? { heldBy: needed } : {}) };
      if (count === 0) return report;
      const bytes = await removeLeadingSegments(this.fs, this.dir, this.segments, count);
      return { ...report, segments: count, bytes, start: this.start };
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
    if (this.closed || this.segments.length === 0) return;
    await this.writer?.sync();
  }

  /** Appends already accepted complete; appends after this call reject, so a busy writer cannot keep it open. */
  close(): Promise<void> {
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    await this.writer?.settle();
    this.closed = this.reader.closed = true;
    try {
      await this.writer?.finish();
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

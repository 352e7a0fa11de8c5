import type { AppendResult, DamagedRange, DurabilityMode, EventLog, ExpectedRevision, LogRecord, NewEvent, Offset, ReadOptions, StreamWrite, VerifyReport } from './event-log.js';
import { type LogFileSystem } from './log-file-system.js';
import { type FrameVisitor } from './segment-reader.js';
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
export declare const DEFAULT_ID_WINDOW_BYTES: number;
export declare class FileLog implements EventLog {
    readonly dir: string;
    private readonly fs;
    private readonly salt;
    private readonly mode;
    readonly readOnly: boolean;
    private readonly segmentBytes;
    private readonly maxBody;
    private readonly batchIntervalMs;
    private readonly checkpointBytes;
    private readonly revisions;
    private readonly lock;
    private writtenEnd;
    private syncedEnd;
    private checkpointedAt;
    private queue;
    private flushing;
    private batchTimer;
    /** The `batch` mode sync in flight, awaited on close so it never runs on a closed descriptor. */
    private batchSync;
    private failure;
    private closed;
    private closing;
    private readonly listeners;
    private readonly reader;
    /** Ids of the events in the id window (writers only). */
    private readonly ids;
    /** Ids found by a recovery scan, in log order, until recovery hands them to `ids`. */
    private scannedIds;
    private constructor();
    private get segments();
    static open(options: FileLogOptions): Promise<FileLog>;
    private static loadMeta;
    private recover;
    /**
     * Fills the id index from the log: the ids the recovery scan saw (from `scannedFrom`), and, when the scan started
     * after the window's start (from the revisions checkpoint), the ids of the records before it, read backwards.
     */
    private loadIds;
    /** Scans from `from`, folding committed revisions into the map; returns the committed end. */
    private scanInto;
    get end(): Offset;
    get start(): Offset;
    /** Offsets of damaged records found so far (on open, by refresh or by verify). */
    get damagedRanges(): readonly DamagedRange[];
    streamRevision(stream: string): number | undefined;
    /** Every stream with its last revision. */
    streams(): IterableIterator<[string, number]>;
    onAppend(listener: (end: Offset) => void): () => void;
    append(stream: string, events: NewEvent | readonly NewEvent[], options?: {
        expectedRevision?: ExpectedRevision;
    }): Promise<AppendResult>;
    appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult>;
    private assertWritable;
    private flushLoop;
    /**
     * Whether `pending` repeats an earlier append: every event's id is in the index (the original result), or none is
     * (undefined). 'round' when an id was claimed earlier in this round. Anything in between is refused.
     */
    private findRepeat;
    /** One group commit: every queued append that passes its revision check, in one write and one sync. */
    private commitRound;
    private activeSegment;
    /** Starts a new segment. The old one is synced first: recovery relies on only the last segment having a torn tail. */
    private roll;
    private scheduleBatchSync;
    /** Saves revisions once enough new log is durable; syncs first in the relaxed modes. */
    private maybeCheckpoint;
    private writeCheckpoint;
    private publish;
    read(offset: Offset): Promise<LogRecord>;
    readSync(offset: Offset): LogRecord;
    readBatch(from: Offset, options?: {
        limit?: number;
        maxBytes?: number;
        until?: Offset;
    }): {
        records: LogRecord[];
        next: Offset;
    };
    visitFrames(from: Offset, options: {
        maxBytes?: number;
        until?: Offset;
    }, visit: FrameVisitor): Offset;
    readForward(from: Offset, options?: ReadOptions): AsyncIterable<LogRecord>;
    readBackward(options?: ReadOptions & {
        before?: Offset;
    }): AsyncIterable<LogRecord>;
    refresh(): Promise<Offset>;
    verify(): Promise<VerifyReport>;
    sync(): Promise<void>;
    /** Appends already accepted complete; appends after this call reject, so a busy writer cannot keep it open. */
    close(): Promise<void>;
    private shutDown;
}
export declare function openFileLog(options: FileLogOptions): Promise<FileLog>;

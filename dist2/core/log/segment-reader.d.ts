import type { DamagedRange, LogRecord, Offset, ReadOptions } from './event-log.js';
import type { LogFile } from './log-file-system.js';
import { type Segment } from './log-scanner.js';
export type LogSegment = Segment & {
    readonly file: LogFile;
};
/** Sees a checked frame's bytes in place (valid only during the call); returns false to stop before it. */
export type FrameVisitor = (buf: Buffer, at: number, offset: Offset, length: number) => boolean;
export declare class SegmentReader {
    private readonly salt;
    private readonly maxBody;
    readonly segments: LogSegment[];
    /** Damaged records found so far (on open, by refresh or by verify). */
    readonly damaged: DamagedRange[];
    /** Every record below it is complete and committed. */
    end: Offset;
    closed: boolean;
    private readonly scratch;
    constructor(salt: number, maxBody: number);
    get start(): Offset;
    private segmentLimit;
    /** A closed log's files are closed; their descriptors may already belong to other files. */
    assertOpen(): void;
    private assertOffset;
    read(offset: Offset): Promise<LogRecord>;
    readSync(offset: Offset): LogRecord;
    /** Whether `offset` starts its segment or a valid record ends exactly there (its checksum proves it real). */
    validRecordEndsAt(index: number, offset: number): boolean;
    /**
     * Whether a frame that failed its check at `offset` is a real (damaged) record rather than a position inside one:
     * known damage, a segment's first record, the end of a valid record before it (its checksum proves it real, and
     * its own length must end here), or its claimed length lands exactly on the end of the log or on a valid record.
     */
    private isRecordBoundary;
    /** Decoded records from `from`, up to `limit` records or about `maxBytes` of log, within the current end. */
    readBatch(from: Offset, options?: {
        limit?: number;
        maxBytes?: number;
        until?: Offset;
    }): {
        records: LogRecord[];
        next: Offset;
    };
    /**
     * Visits each checked frame from `from` (a record boundary) up to `until` or about `maxBytes` of log, within the
     * current end, without decoding it: `visit` sees the frame's bytes in place (valid only during the call) and
     * returns false to stop before that frame. For readers that copy records out as they are (`sluice cat`).
     * Returns where to continue; damage ends the run early, and visiting again from there raises the typed error.
     */
    visitFrames(from: Offset, options: {
        maxBytes?: number;
        until?: Offset;
    }, visit: FrameVisitor): Offset;
    readForward(from: Offset, options?: ReadOptions): AsyncIterable<LogRecord>;
    readBackward(options?: ReadOptions & {
        before?: Offset;
    }): AsyncIterable<LogRecord>;
}

import { CorruptRecordError } from '../errors.js';
import type { DamagedRange } from './event-log.js';
import type { LogFile } from './log-file-system.js';
export interface Segment {
    readonly base: number;
    readonly file: LogFile;
}
/**
 * recover: classify tail damage (a writer's open); follow: the same for a reader following a writer (which never
 * truncates), so it stops at a write in progress but reads past damage in acknowledged data; verify: everything bad is damage.
 */
export type TailPolicy = 'recover' | 'follow' | 'verify';
export interface ScanOptions {
    readonly salt: number;
    readonly maxBody: number;
    readonly tail: TailPolicy;
    /** Stop at this offset (verify stops at the log end); the file sizes otherwise. */
    readonly until?: number;
    /** Called for every valid frame, in order. `committed` is false for frames of a batch not yet closed. */
    readonly onFrame?: (buf: Buffer, at: number, offset: number, length: number) => void;
    /** Called when a batch commits (or damage ends it): the frames since the last call are now committed. */
    readonly onCommit?: () => void;
}
export interface ScanResult {
    /** End of the last committed frame: where the log ends. */
    readonly end: number;
    readonly damaged: DamagedRange[];
}
export declare function segmentIndexOf(segments: readonly Segment[], offset: number): number;
export declare function scanSegments(segments: readonly Segment[], from: number, options: ScanOptions): ScanResult;
/** A damaged range as the typed error readers get. */
export declare function damageError(range: DamagedRange): CorruptRecordError;

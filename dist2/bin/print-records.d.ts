import type { FileLog } from '../core/log/file-log.js';
import { type FrameFilter } from '../core/wire/frame-encoder.js';
import type { LogFollower } from './log-follower.js';
import type { OutputWriter } from './output-writer.js';
export interface PrintOptions {
    readonly from: number;
    /** Exclusive upper bound on record offsets. */
    readonly to?: number;
    readonly limit?: number;
    readonly filter?: FrameFilter;
    /** A further test on each frame (record-filter.ts's frameMatcher: category, tag). */
    readonly match?: (frame: Buffer, at: number, length: number) => boolean;
    /** When set, keep printing records as they are appended until the follower stops. */
    readonly follower?: LogFollower;
}
/** Prints records; returns how many were printed. */
export declare function printRecords(log: FileLog, out: OutputWriter, options: PrintOptions): Promise<number>;

import type { LogFile } from './log-file-system.js';
export declare class FrameCursor {
    private readonly file;
    private readonly base;
    /** File position of the next frame. */
    pos: number;
    /** File position the cursor stops at. */
    private readonly limit;
    private readonly salt;
    private readonly maxBody;
    buf: Buffer;
    /** Where the last returned frame starts in `buf`. */
    at: number;
    /** Log offset of the last returned (or failing) frame. */
    offset: number;
    private bufStart;
    private bufLen;
    constructor(file: LogFile, base: number, 
    /** File position of the next frame. */
    pos: number, 
    /** File position the cursor stops at. */
    limit: number, salt: number, maxBody: number, chunk?: number);
    /** The next frame's total length; 0 at the limit; or FRAME_SHORT / FRAME_MALFORMED / FRAME_CHECKSUM. */
    next(): number;
    private check;
    /** Reads from `pos` on; false when the frame cannot be complete before the limit. */
    private fill;
    /** Skips the cursor to file position `pos` (after damage). */
    seek(pos: number): void;
}
/**
 * Finds the first file position after `from` where a valid frame starts, scanning byte by byte.
 * Only used on the damage path (recovery and verify).
 */
export declare function findNextValidFrame(file: LogFile, base: number, from: number, limit: number, salt: number, maxBody: number): number | undefined;

// Walks frames forward through one segment file with a reusable read buffer.
// Checks every frame (length, trailer, checksum) before exposing it; never allocates beyond the record limit.
import { checkFrame, frameBodyLength, FRAME_OVERHEAD, FRAME_SHORT } from './frame-codec.js';
const DEFAULT_CHUNK = 1 << 20;
export class FrameCursor {
    file;
    base;
    pos;
    limit;
    salt;
    maxBody;
    buf;
    /** Where the last returned frame starts in `buf`. */
    at = 0;
    /** Log offset of the last returned (or failing) frame. */
    offset = 0;
    bufStart = 0;
    bufLen = 0;
    constructor(file, base, 
    /** File position of the next frame. */
    pos, 
    /** File position the cursor stops at. */
    limit, salt, maxBody, chunk = DEFAULT_CHUNK) {
        this.file = file;
        this.base = base;
        this.pos = pos;
        this.limit = limit;
        this.salt = salt;
        this.maxBody = maxBody;
        this.buf = Buffer.allocUnsafe(chunk);
    }
    /** The next frame's total length; 0 at the limit; or FRAME_SHORT / FRAME_MALFORMED / FRAME_CHECKSUM. */
    next() {
        if (this.pos >= this.limit)
            return 0;
        this.offset = this.base + this.pos;
        let result = this.check();
        if (result === FRAME_SHORT && this.fill())
            result = this.check();
        if (result > 0)
            this.pos += result;
        return result;
    }
    check() {
        const at = this.pos - this.bufStart;
        this.at = at;
        const available = Math.min(this.bufStart + this.bufLen, this.limit) - this.pos;
        return available <= 0 ? FRAME_SHORT : checkFrame(this.buf, at, available, this.offset, this.salt, this.maxBody);
    }
    /** Reads from `pos` on; false when the frame cannot be complete before the limit. */
    fill() {
        const remaining = this.limit - this.pos;
        let needed = FRAME_OVERHEAD;
        const at = this.pos - this.bufStart;
        const lengthKnown = at >= 0 && this.bufStart + this.bufLen - this.pos >= 8;
        if (lengthKnown) {
            const n = frameBodyLength(this.buf, at);
            if (n > this.maxBody)
                return false;
            needed = n + FRAME_OVERHEAD;
        }
        if (needed > remaining)
            return false;
        if (needed > this.buf.length)
            this.buf = Buffer.allocUnsafe(needed);
        this.bufStart = this.pos;
        this.bufLen = this.file.read(this.buf, 0, Math.min(this.buf.length, remaining), this.pos);
        if (!lengthKnown) {
            // The length was not in the buffer before this read (a frame may be larger than the buffer):
            // read the full frame now that we know its size.
            if (this.bufLen >= 8) {
                const n = frameBodyLength(this.buf, 0);
                if (n <= this.maxBody && n + FRAME_OVERHEAD <= remaining && n + FRAME_OVERHEAD > this.buf.length) {
                    this.buf = Buffer.allocUnsafe(n + FRAME_OVERHEAD);
                    this.bufLen = this.file.read(this.buf, 0, Math.min(this.buf.length, remaining), this.pos);
                }
            }
        }
        return true;
    }
    /** Skips the cursor to file position `pos` (after damage). */
    seek(pos) {
        this.pos = pos;
    }
}
/**
 * Finds the first file position after `from` where a valid frame starts, scanning byte by byte.
 * Only used on the damage path (recovery and verify).
 */
export function findNextValidFrame(file, base, from, limit, salt, maxBody) {
    const scratch = Buffer.alloc(4);
    for (let p = from + 1; p + FRAME_OVERHEAD <= limit;) {
        const window = Buffer.allocUnsafe(Math.min(DEFAULT_CHUNK, limit - p));
        const got = file.read(window, 0, window.length, p);
        for (let i = 0; i + 8 <= got; i++) {
            const n = window.readUInt32LE(i + 4);
            if (n < 20 || n > maxBody || p + i + n + FRAME_OVERHEAD > limit)
                continue;
            const trailerAt = i + n + FRAME_OVERHEAD - 4;
            let trailer;
            if (trailerAt + 4 <= got)
                trailer = window.readUInt32LE(trailerAt);
            else {
                file.read(scratch, 0, 4, p + trailerAt);
                trailer = scratch.readUInt32LE(0);
            }
            if (trailer !== n)
                continue;
            const cursor = new FrameCursor(file, base, p + i, limit, salt, maxBody, Math.min(n + FRAME_OVERHEAD, DEFAULT_CHUNK));
            if (cursor.next() > 0)
                return p + i;
        }
        p += Math.max(1, got - 7);
    }
    return undefined;
}
//# sourceMappingURL=frame-cursor.js.map
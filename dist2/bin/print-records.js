// The read loop behind `cat` and `export`: frames from a read-only log, filtered and encoded straight to NDJSON
// bytes, written with backpressure; optionally follows the log as another process appends to it.
import { SluiceError } from '../core/errors.js';
import { FrameEncoder } from '../core/wire/frame-encoder.js';
const READ_BYTES = 4 << 20;
/** Prints records; returns how many were printed. */
export async function printRecords(log, out, options) {
    const { follower } = options;
    const limit = options.limit ?? Infinity;
    const until = options.to ?? Infinity;
    const encoder = new FrameEncoder(options.filter);
    let next = options.from;
    let printed = 0;
    if (next > log.end && follower === undefined)
        throw new SluiceError('LOG_NO_RECORD', { offset: next });
    const visit = (frame, at, offset, length) => {
        if (!encoder.matches(frame, at, length) || (options.match !== undefined && !options.match(frame, at, length)))
            return true;
        if (printed >= limit || !encoder.encode(frame, at, offset, length))
            return false;
        printed++;
        return true;
    };
    for (;;) {
        while (next < log.end && next < until && printed < limit && !out.closed) {
            const reached = log.visitFrames(next, { maxBytes: READ_BYTES, until }, visit);
            if (encoder.pending > 0)
                await out.write(encoder.take());
            // Nothing consumed and nothing left to write: the record at `next` is damaged; reading it raises the error.
            if (reached === next && printed < limit)
                log.readSync(next);
            next = reached;
        }
        if (follower === undefined || next >= until || printed >= limit || out.closed)
            break;
        await follower.waitBeyond(Math.max(log.end, next));
        if (follower.stopped)
            break;
    }
    return printed;
}
//# sourceMappingURL=print-records.js.map
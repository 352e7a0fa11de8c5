// The read loop behind `cat` and `export`: frames from a read-only log, filtered and encoded straight to NDJSON
// bytes, written with backpressure; optionally follows the log as another process appends to it. A damaged record
// does not stop it: `onDamage` hears of the damaged range and printing resumes at the next valid record.
import { SluiceError } from '../core/errors.js';
import { spanOrThrow } from '../core/log/damage-span.js';
import type { DamagedSpan } from '../core/log/event-log.js';
import type { FileLog } from '../core/log/file-log.js';
import { FrameEncoder, type FrameFilter } from '../core/wire/frame-encoder.js';
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
  /** Told of each damaged range passed over (never silently). */
  readonly onDamage: (span: DamagedSpan) => void;
}

const READ_BYTES = 4 << 20;

/** Prints records; returns how many were printed. */
export async function printRecords(log: FileLog, out: OutputWriter, options: PrintOptions): Promise<number> {
  const { follower } = options;
  const limit = options.limit ?? Infinity;
  const until = options.to ?? Infinity;
  const encoder = new FrameEncoder(options.filter);
  let next = options.from;
  let printed = 0;
  if (next > log.end && follower === undefined) throw new SluiceError('LOG_NO_RECORD', { offset: next });
  const visit = (frame: Buffer, at: number, offset: number, length: number): boolean => {
    if (!encoder.matches(frame, at, length) || (options.match !== undefined && !options.match(frame, at, length))) return true;
    if (printed >= limit || !encoder.encode(frame, at, offset, length)) return false;
    printed++;
    return true;
  };
  for (;;) {
    while (next < log.end && next < until && printed < limit && !out.closed) {
      let reached: number;
      try {
        reached = log.visitFrames(next, { maxBytes: READ_BYTES, until }, visit);
      } catch (err) {
        // Only a visit's first frame throws: the damaged record starts at `next`.
        const span = spanOrThrow(log, next, err);
        options.onDamage(span);
        next = span.to;
        continue;
      }
      if (encoder.pending > 0) await out.write(encoder.take());
      next = reached;
    }
    if (follower === undefined || next >= until || printed >= limit || out.closed) break;
    await follower.waitBeyond(Math.max(log.end, next));
    if (follower.stopped) break;
  }
  return printed;
}

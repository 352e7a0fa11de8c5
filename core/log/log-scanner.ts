// Scans segments frame by frame: recovery on open, following a writer from another process, and verify.
// Tail rule: damage below the `synced end` recorded in later valid frames is damage in acknowledged data
// (reported, never truncated); damage at or after it is a torn, never-acknowledged write (cut off).
import { CorruptRecordError } from '../errors.js';
import { findNextValidFrame, FrameCursor } from './frame-cursor.js';
import { BODY_FIXED_BYTES } from './event-codec.js';
import { FRAME_CHECKSUM, FRAME_MALFORMED, FRAME_OVERHEAD, frameIsCommit, frameSyncedEnd } from './frame-codec.js';
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

function reasonOf(code: number): string {
  if (code === FRAME_CHECKSUM) return 'checksum mismatch';
  if (code === FRAME_MALFORMED) return 'malformed frame';
  return 'truncated frame';
}

/** The synced end claimed by the last valid frame at or after `pos` (walking past damage). */
function lastSyncedEnd(segment: Segment, pos: number, limit: number, options: ScanOptions): number {
  const cursor = new FrameCursor(segment.file, segment.base, pos, limit, options.salt, options.maxBody);
  let synced = 0;
  for (;;) {
    const r = cursor.next();
    if (r === 0) return synced;
    if (r > 0) {
      synced = Math.max(synced, frameSyncedEnd(cursor.buf, cursor.at));
      continue;
    }
    const resume = findNextValidFrame(segment.file, segment.base, cursor.pos, limit, options.salt, options.maxBody);
    if (resume === undefined) return synced;
    cursor.seek(resume);
  }
}

/**
 * Where a damaged frame ends when its length and trailer still agree, so the frame right after it is checked
 * (and reported) too instead of being skipped by the search for the next valid frame.
 */
export function damagedFrameEnd(segment: Segment, pos: number, limit: number, maxBody: number): number | undefined {
  const word = Buffer.allocUnsafe(4);
  if (segment.file.read(word, 0, 4, pos + 4) < 4) return undefined;
  const n = word.readUInt32LE(0);
  const end = pos + n + FRAME_OVERHEAD;
  if (n < BODY_FIXED_BYTES || n > maxBody || end > limit) return undefined;
  if (segment.file.read(word, 0, 4, end - 4) < 4 || word.readUInt32LE(0) !== n) return undefined;
  return end;
}

export function segmentIndexOf(segments: readonly Segment[], offset: number): number {
  let lo = 0;
  let hi = segments.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segments[mid]!.base <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function scanSegments(segments: readonly Segment[], from: number, options: ScanOptions): ScanResult {
  const damaged: DamagedRange[] = [];
  let end = from;
  if (segments.length === 0) return { end, damaged };
  for (let i = segmentIndexOf(segments, from); i < segments.length; i++) {
    const segment = segments[i]!;
    const isLast = i === segments.length - 1;
    const size = segment.file.size();
    let limit = isLast ? size : Math.min(size, segments[i + 1]!.base - segment.base);
    if (options.until !== undefined) limit = Math.min(limit, options.until - segment.base);
    if (limit <= 0 && options.until !== undefined && segment.base >= options.until) break;
    if (!isLast && size < segments[i + 1]!.base - segment.base && (options.until === undefined || segment.base + size < options.until)) {
      damaged.push({ offset: segment.base + size, reason: 'segment file ends before the next segment begins' });
    }
    const start = Math.max(0, from - segment.base);
    if (segment.base > end) end = segment.base;
    const cursor = new FrameCursor(segment.file, segment.base, start, limit, options.salt, options.maxBody);
    for (;;) {
      const r = cursor.next();
      if (r === 0) break;
      if (r > 0) {
        options.onFrame?.(cursor.buf, cursor.at, cursor.offset, r);
        if (frameIsCommit(cursor.buf, cursor.at)) {
          end = cursor.offset + r;
          options.onCommit?.();
        }
        continue;
      }
      const badOffset = cursor.offset;
      const badPos = badOffset - segment.base;
      const resume = damagedFrameEnd(segment, badPos, limit, options.maxBody)
        ?? findNextValidFrame(segment.file, segment.base, badPos, limit, options.salt, options.maxBody);
      if (isLast && options.tail !== 'verify') {
        if (resume === undefined) return { end, damaged };
        if (badOffset >= lastSyncedEnd(segment, resume, limit, options)) return { end, damaged };
      }
      damaged.push({ offset: badOffset, reason: reasonOf(r) });
      options.onCommit?.();
      if (resume === undefined) break;
      cursor.seek(resume);
    }
  }
  return { end, damaged };
}

/** A damaged range as the typed error readers get. */
export function damageError(range: DamagedRange): CorruptRecordError {
  return new CorruptRecordError(range.offset, range.reason);
}

// Retention: which whole sealed segments a policy removes from the front of the log. The active (last) segment is
// never removed, and a segment goes only whole, so the log's first offset moves to a segment base and no offset
// of a kept record changes. Deciding reads only segment bases and each candidate's last record timestamp.
import { join } from 'node:path';
import type { Offset } from './event-log.js';
import type { LogFileSystem } from './log-file-system.js';
import type { LogSegment } from './segment-reader.js';
import { segmentFileName } from './segment-names.js';

export interface RetentionPolicy {
  /** Remove sealed segments whose newest record is older than this many ms. */
  readonly maxAgeMs?: number;
  /** Remove the oldest sealed segments while the log holds more than this many bytes. */
  readonly maxBytes?: number;
}

export interface RetentionReport {
  /** Segments removed. */
  readonly segments: number;
  /** Bytes of log removed. */
  readonly bytes: number;
  /** The log's first offset after the removal. */
  readonly start: Offset;
  /**
   * Segments the policy would remove that hold records a view has not folded yet: kept until it has (a later run
   * removes them). 0 when nothing was held back.
   */
  readonly held: number;
  /** The slowest view when `held` > 0. */
  readonly heldBy?: RetentionFloor;
}

/** Where retention must stop: the view furthest behind and the first offset it has not folded yet (its `next`). */
export interface RetentionFloor {
  readonly view: string;
  readonly next: Offset;
}

/**
 * How many leading segments `policy` removes. `bases` are the segment bases in order, `end` the log end, and
 * `lastTs(i)` the timestamp of segment i's last record (called only for sealed segments, oldest first).
 */
export function segmentsToRemove(bases: readonly number[], end: Offset, policy: RetentionPolicy, now: number, lastTs: (index: number) => number | undefined): number {
  let count = 0;
  while (count < bases.length - 1) {
    const tooBig = policy.maxBytes !== undefined && end - bases[count]! > policy.maxBytes;
    const ts = policy.maxAgeMs === undefined ? undefined : lastTs(count);
    const tooOld = ts !== undefined && ts < now - policy.maxAgeMs!;
    if (!tooBig && !tooOld) break;
    count++;
  }
  return count;
}

/** How many of `count` leading segments lie wholly below `floor` (segment i ends where segment i + 1 begins). */
export function segmentsBelow(bases: readonly number[], count: number, floor: Offset): number {
  let below = 0;
  while (below < count && bases[below + 1]! <= floor) below++;
  return below;
}

/**
 * Closes and deletes the first `count` segments of `segments` (sealed ones: no writer touches them) and syncs the
 * directory. Returns the bytes of log removed; the log's first offset is then the next segment's base.
 */
export async function removeLeadingSegments(fs: LogFileSystem, dir: string, segments: LogSegment[], count: number): Promise<number> {
  const removed = segments.splice(0, count);
  for (const segment of removed) {
    segment.file.close();
    fs.remove(join(dir, segmentFileName(segment.base)));
  }
  await fs.syncDir(dir);
  return (segments[0]?.base ?? removed[0]!.base) - removed[0]!.base;
}

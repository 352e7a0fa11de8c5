// Where a damaged record ends: from a record start whose frame fails its check, to the start of the next record that
// passes it (or the end of its segment / of the log). Readers that carry on past damage report this span and resume
// at its end; the search is the one recovery and verify use (a frame whose length and trailer still agree, else the
// next valid frame byte by byte), so a skip never lands inside a record.
import { CorruptRecordError } from '../errors.js';
import type { Offset } from './event-log.js';
import { findNextValidFrame, FrameCursor } from './frame-cursor.js';
import { damagedFrameEnd, type Segment } from './log-scanner.js';

/** Damaged log bytes [from, to): no valid record starts inside; one starts at `to` (or `to` is a segment or log end). */
export interface DamagedSpan {
  readonly from: Offset;
  readonly to: Offset;
  readonly reason: string;
}

const PROBE = 64 * 1024;

/**
 * The span of damage starting at `from` in `segment`, whose readable limit (file position) is `limit`. Adjacent damaged
 * frames are one span: `to` is always a position where a valid frame starts, or the limit.
 */
export function spanFrom(segment: Segment, from: Offset, limit: number, salt: number, maxBody: number, reason: string): DamagedSpan {
  let pos = from - segment.base;
  for (;;) {
    const end = damagedFrameEnd(segment, pos, limit, maxBody) ?? findNextValidFrame(segment.file, segment.base, pos, limit, salt, maxBody) ?? limit;
    if (end >= limit) return { from, to: segment.base + limit, reason };
    const cursor = new FrameCursor(segment.file, segment.base, end, limit, salt, maxBody, PROBE);
    if (cursor.next() > 0) return { from, to: segment.base + end, reason };
    pos = end;
  }
}

/** The reason of a read error that means "a damaged record starts here", else undefined. */
export function damageReason(err: unknown, offset: Offset): string | undefined {
  return err instanceof CorruptRecordError && err.offset === offset ? String(err.details.reason) : undefined;
}

/**
 * For readers that carry on past damage: the span when `err` (thrown reading at `offset`) says a damaged record starts
 * there; rethrows anything else.
 */
export function spanOrThrow(log: { damagedSpan(offset: Offset): DamagedSpan | undefined }, offset: Offset, err: unknown): DamagedSpan {
  if (damageReason(err, offset) === undefined) throw err;
  const span = log.damagedSpan(offset);
  if (span === undefined) throw err;
  return span;
}

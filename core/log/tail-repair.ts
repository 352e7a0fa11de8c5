// Puts the active segment back in a writable state after a full disk stopped the writer: re-checks that every
// acknowledged record is still whole, cuts whatever the failed write left after them, and proves that space is back
// by writing (and syncing, then removing) a block of zeros past the end. Throws (the disk-full error when the disk is
// still full) without changing anything acknowledged; a crash in the middle leaves only a torn tail recovery cuts.
import { scanSegments } from './log-scanner.js';
import type { LogSegment } from './segment-reader.js';

export interface TailRepair {
  readonly segments: readonly LogSegment[];
  /** Where the acknowledged records end (the published end): everything after it was never acknowledged. */
  readonly acked: number;
  /** From where the acknowledged records are checked again: the end last known to be on disk. */
  readonly checkFrom: number;
  readonly salt: number;
  readonly maxBody: number;
  /** Bytes of the space probe. */
  readonly probeBytes: number;
}

/** The space probe writes about what the failed write needed, within bounds. */
export function probeBytes(needed: number): number {
  return Math.min(8 * 1024 * 1024, Math.max(64 * 1024, needed));
}

/** Thrown when the records before `acked` are no longer what was acknowledged: only a restart (recovery) may judge them. */
export class AcknowledgedTailDamaged extends Error {}

export async function repairTail(r: TailRepair): Promise<void> {
  const active = r.segments[r.segments.length - 1]!;
  if (active.base > r.acked) throw new AcknowledgedTailDamaged(`the active segment starts at ${active.base}, after the acknowledged end ${r.acked}`);
  const checked = scanSegments(r.segments, r.checkFrom, { salt: r.salt, maxBody: r.maxBody, tail: 'verify', until: r.acked });
  if (checked.damaged.length > 0 || checked.end !== r.acked) {
    throw new AcknowledgedTailDamaged(`the acknowledged records between ${r.checkFrom} and ${r.acked} do not read back whole`);
  }
  const at = r.acked - active.base;
  // Never-acknowledged bytes of the failed write (a partial frame, or whole frames of a rejected append) go first.
  if (active.file.size() !== at) active.file.truncate(at);
  try {
    active.file.write(Buffer.alloc(r.probeBytes), at);
    await active.file.datasync();
  } finally {
    active.file.truncate(at);
  }
  await active.file.datasync();
}

// Erasure in place: overwrites records' data, meta and tags where they lie, keeping every offset (erased-frame.ts).
// Crash safety: the journal (`erase.journal`, written atomically and synced) names every target before the first
// overwrite; frames are overwritten and synced; the journal is removed only once whoever derived state from the log
// (the views) has been repaired (`clearErasureJournal`). A writer that opens a log with a journal rewrites every
// target first (idempotent: an erased frame is a function of its target), so a kill -9 or power loss at any point
// leaves no torn record and the erasure finishes. The journal holds no erased content: only stream, type, revision.
import { crc32c } from '@node-rs/crc32';
import { join } from 'node:path';
import { SluiceError } from '../errors.js';
import type { Offset } from './event-log.js';
import { erasedFrame, erasureTargetOf, frameIsErased, type ErasureTarget } from './erased-frame.js';
import type { LogFileSystem } from './log-file-system.js';
import { segmentBases, segmentFileName } from './segment-names.js';
import type { SegmentReader } from './segment-reader.js';

export const ERASE_JOURNAL = 'erase.journal';

export interface ErasureReport {
  /** Records overwritten by this call. */
  readonly erased: number;
  /** Records asked for that were already erased (nothing left to overwrite). */
  readonly alreadyErased: number;
  /** Bytes of log rewritten. */
  readonly bytes: number;
  /** The offsets erased by this call, in log order. */
  readonly offsets: Offset[];
}

interface JournalFile {
  v: 1;
  salt: number;
  targets: ErasureTarget[];
  crc?: number;
}

function checksum(file: JournalFile): number {
  return crc32c(JSON.stringify({ v: file.v, salt: file.salt, targets: file.targets }));
}

/** The targets of an unfinished erasure, or undefined when none is pending. */
export function loadErasureJournal(fs: LogFileSystem, dir: string, salt: number): ErasureTarget[] | undefined {
  const raw = fs.readFile(join(dir, ERASE_JOURNAL));
  if (raw === undefined) return undefined;
  let parsed: JournalFile;
  try {
    parsed = JSON.parse(raw.toString('utf8')) as JournalFile;
  } catch {
    throw new SluiceError('LOG_FORMAT', { dir, reason: `${ERASE_JOURNAL} is not valid JSON` });
  }
  // Written atomically, so a bad one is damage, not a crash: refuse rather than leave an erasure half done.
  if (parsed.v !== 1 || parsed.salt !== salt || !Array.isArray(parsed.targets) || parsed.crc !== checksum(parsed)) {
    throw new SluiceError('LOG_FORMAT', { dir, reason: `${ERASE_JOURNAL} fails its checksum` });
  }
  return parsed.targets;
}

async function saveJournal(fs: LogFileSystem, dir: string, salt: number, targets: ErasureTarget[]): Promise<void> {
  const file: JournalFile = { v: 1, salt, targets };
  file.crc = checksum(file);
  await fs.writeFileAtomic(join(dir, ERASE_JOURNAL), Buffer.from(JSON.stringify(file)));
}

/** Removes the journal once the erasure's derived state is repaired; durable before it returns. */
export async function clearErasureJournal(fs: LogFileSystem, dir: string): Promise<void> {
  if (!fs.exists(join(dir, ERASE_JOURNAL))) return;
  fs.remove(join(dir, ERASE_JOURNAL));
  await fs.syncDir(dir);
}

/** Overwrites each target's frame with its erased frame and syncs every file it touched. */
export async function writeErasedFrames(fs: LogFileSystem, dir: string, salt: number, targets: readonly ErasureTarget[]): Promise<number> {
  const bases = segmentBases(fs.list(dir));
  const bySegment = new Map<number, ErasureTarget[]>();
  for (const target of targets) {
    let base: number | undefined;
    for (const b of bases) if (b <= target.offset) base = b;
    if (base === undefined) throw new SluiceError('LOG_FORMAT', { dir, reason: `no segment holds erased offset ${target.offset}` });
    bySegment.set(base, [...(bySegment.get(base) ?? []), target]);
  }
  let bytes = 0;
  for (const [base, list] of bySegment) {
    const file = fs.openFile(join(dir, segmentFileName(base)), 'write');
    try {
      for (const target of list) {
        file.write(erasedFrame(target, salt), target.offset - base);
        bytes += target.length;
      }
      await file.datasync();
    } finally {
      file.close();
    }
  }
  return bytes;
}

/**
 * Resolves `offsets` to erasure targets, all or nothing: an offset where no record starts (or a damaged one) throws
 * its typed error before anything is written. Already-erased records are counted apart.
 */
export function resolveTargets(reader: SegmentReader, offsets: readonly unknown[]): { targets: ErasureTarget[]; alreadyErased: number } {
  if (!Array.isArray(offsets) || offsets.length === 0) throw new SluiceError('LOG_ERASE_INVALID', { reason: 'name at least one record offset' });
  const unique = [...new Set(offsets)];
  for (const offset of unique) {
    if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) throw new SluiceError('LOG_OFFSET_INVALID', { offset: JSON.stringify(offset) });
  }
  const targets: ErasureTarget[] = [];
  let alreadyErased = 0;
  for (const offset of (unique as number[]).sort((a, b) => a - b)) {
    reader.readSync(offset); // the typed error for an offset that is no record start, or damaged
    reader.visitFrames(offset, { maxBytes: 1 }, (buf, at, at0, length) => {
      if (frameIsErased(buf, at)) alreadyErased++;
      else targets.push(erasureTargetOf(buf, at, at0, length));
      return true;
    });
  }
  return { targets, alreadyErased };
}

/**
 * Erases the records at `offsets` (a writer's log). Pending targets of an earlier, unrepaired erasure stay in the
 * journal, so its repair still happens after a crash.
 */
export async function eraseRecords(fs: LogFileSystem, dir: string, salt: number, reader: SegmentReader, offsets: readonly unknown[]): Promise<ErasureReport> {
  const { targets, alreadyErased } = resolveTargets(reader, offsets);
  if (targets.length === 0) return { erased: 0, alreadyErased, bytes: 0, offsets: [] };
  const pending = loadErasureJournal(fs, dir, salt) ?? [];
  await saveJournal(fs, dir, salt, [...pending, ...targets]);
  const bytes = await writeErasedFrames(fs, dir, salt, targets);
  return { erased: targets.length, alreadyErased, bytes, offsets: targets.map((t) => t.offset) };
}

// Opening a log's segments and finding its committed end: from the revisions checkpoint (or the start), every frame
// is checked; a writer cuts a torn tail and syncs what it keeps before anything becomes visible (see
// docs/architecture.md, "Recovery on open"). Readers scan the same way but never change a byte. A writer first
// finishes an interrupted erasure (log-eraser.ts), whose overwrite may be torn, before it reads a frame.
import { join } from 'node:path';
import type { IdScan } from './event-id-index.js';
import { frameStreamRevision } from './frame-codec.js';
import { loadErasureJournal, writeErasedFrames } from './log-eraser.js';
import type { LogFileSystem } from './log-file-system.js';
import { scanSegments, segmentIndexOf, type TailPolicy } from './log-scanner.js';
import type { SegmentReader } from './segment-reader.js';
import { segmentBases, segmentFileName } from './segment-names.js';

export interface RecoveryContext {
  readonly dir: string;
  readonly fs: LogFileSystem;
  readonly readOnly: boolean;
  readonly salt: number;
  readonly maxBody: number;
  readonly reader: SegmentReader;
  /** Each stream's last committed revision; filled by the scans. */
  readonly revisions: Map<string, number>;
  /** Writers: collects the ids of committed records for the event-id index (set before recovery). */
  idScan?: IdScan;
}

/** Scans from `from`, folding committed revisions into the map and noting damage; returns the committed end. */
export function scanRevisions(ctx: RecoveryContext, from: number, tail: TailPolicy): number {
  let batch: { stream: string; revision: number; id?: string; offset: number }[] = [];
  const ids = ctx.idScan?.ids;
  const result = scanSegments(ctx.reader.segments, from, {
    salt: ctx.salt,
    maxBody: ctx.maxBody,
    tail,
    onFrame: (buf, at, offset) => { batch.push({ ...frameStreamRevision(buf, at), offset }); },
    onCommit: () => {
      for (const { stream, revision, id, offset } of batch) {
        if ((ctx.revisions.get(stream) ?? -1) < revision) ctx.revisions.set(stream, revision);
        if (id !== undefined && ids !== undefined) ids.push({ stream, id, offset, revision });
      }
      batch = [];
    },
  });
  ctx.reader.damaged.push(...result.damaged);
  return result.end;
}

/**
 * A writer's first step on open: rewrites every target of an erasure journal left on disk (idempotent). Returns
 * whether one was there: its journal stays until the state derived from the log is repaired (`erasurePending`).
 */
export async function replayErasureJournal(fs: LogFileSystem, dir: string, salt: number): Promise<boolean> {
  const erasure = loadErasureJournal(fs, dir, salt);
  if (erasure === undefined) return false;
  await writeErasedFrames(fs, dir, salt, erasure);
  return true;
}

/** Opens every segment into the reader and returns the committed end (0 for a reader that finds no segment yet). */
export async function recoverLog(ctx: RecoveryContext, checkpointOffset: number | undefined): Promise<number> {
  const { fs, dir, readOnly, reader } = ctx;
  let bases = segmentBases(fs.list(dir));
  if (bases.length === 0 && !readOnly) {
    fs.openFile(join(dir, segmentFileName(0)), 'write').close();
    await fs.syncDir(dir);
    bases = [0];
  }
  bases.forEach((base, i) => reader.segments.push({
    base,
    file: fs.openFile(join(dir, segmentFileName(base)), !readOnly && i === bases.length - 1 ? 'write' : 'read'),
  }));
  // A reader that arrives before the writer created its first segment sees an empty log until refresh().
  if (reader.segments.length === 0) return 0;
  const last = reader.segments[reader.segments.length - 1]!;
  const fileEnd = last.base + last.file.size();
  let from = reader.segments[0]!.base;
  // A checkpoint is only a shortcut: one that does not name the end of a valid record costs a full scan, never data.
  if (checkpointOffset !== undefined && checkpointOffset >= from && checkpointOffset <= fileEnd
    && reader.validRecordEndsAt(segmentIndexOf(reader.segments, checkpointOffset), checkpointOffset)) from = checkpointOffset;
  else ctx.revisions.clear();
  if (ctx.idScan !== undefined) ctx.idScan.from = from;
  const end = scanRevisions(ctx, from, readOnly ? 'follow' : 'recover');
  if (!readOnly) {
    // A killed writer can leave written-but-unsynced bytes and an unsynced new segment in the page cache: make
    // them durable before they become visible (and before new frames claim them as synced).
    if (end < fileEnd) last.file.truncate(end - last.base);
    await last.file.datasync();
    await fs.syncDir(dir);
  }
  return end;
}

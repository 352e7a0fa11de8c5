// The moment a build catches up with the log and becomes `ready`. A build from the log start writes most of its rows
// many times over (a stream's row once per batch, each read before and after its put for the running checksum), so
// folding every write in cost about a tenth of a five-view rebuild. Builds made by the engine and `sluice reindex`
// defer it (`checksumDeferred`): the row that marks them ready carries the checksum and row count computed from every
// stored row, in the same transaction as the build's last rows. From then on the running checksum is kept as usual.
import { checksumOfRows, type RawRow } from './row-checksum.js';
import type { StorageMeta } from './view-meta.js';
import type { ViewStorage } from './view-storage.js';

/** The row of `stored` (the storage's row as read in the write transaction under way) marked ready. */
export function readyRow(storage: ViewStorage, stored: StorageMeta): StorageMeta {
  const { checksumDeferred, ...rest } = stored;
  const ready: StorageMeta = { ...rest, state: 'ready', readyAt: Date.now() };
  if (checksumDeferred !== true) return ready;
  const rows = Object.fromEntries(Object.entries(storage.rawDbs).map(([name, db]) => [name, db.getRange() as Iterable<RawRow>]));
  return { ...ready, ...checksumOfRows(rows) };
}

// The moment a build catches up with the log and becomes `ready`. A build from the log start writes most of its rows
// many times over (a stream's row once per batch, each read before and after its put for the running checksum), so
// folding every write in cost about a tenth of a five-view rebuild. Builds made by the engine and `sluice reindex`
// defer it (`checksumDeferred`): the row that marks them ready carries the checksum and row count computed from every
// stored row, in the same transaction as the build's last rows. From then on the running checksum is kept as usual.
import { checksumOfRows, type RawRow } from './row-checksum.js';
import type { StorageMeta } from './view-meta.js';

/** A storage's sub-databases with binary keys and values (`ViewStorage.rawDbs`). */
export type RawDbs = Readonly<Record<string, { getRange(): Iterable<unknown> }>>;

/**
 * The row of `stored` (the storage's row as read in the write transaction under way) marked ready; `rawDbs` gives
 * its rows, read only when the build deferred its checksum.
 */
export function readyRow(stored: StorageMeta, rawDbs: () => RawDbs): StorageMeta {
  const { checksumDeferred, ...rest } = stored;
  const ready: StorageMeta = { ...rest, state: 'ready', readyAt: Date.now() };
  if (checksumDeferred !== true) return ready;
  const rows = Object.fromEntries(Object.entries(rawDbs()).map(([name, db]) => [name, db.getRange() as Iterable<RawRow>]));
  return { ...ready, ...checksumOfRows(rows) };
}

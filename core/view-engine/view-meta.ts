// The on-disk bookkeeping of views (a stable contract: the server, the offline reindex and `sluice views` all read it).
// A *storage* is one build of one version of a view; its sub-databases are named `<view>@v<version>#<build>/<db>`,
// so a rebuild writes fresh databases and the old ones are dropped whole, never cleared key by key.
// Rows in the `sluice:meta` sub-database (ordered-binary array keys, msgpack values):
//   ['storage', view, build] -> StorageMeta   written in the SAME transaction as the rows it describes
//   ['active', view]         -> build          the storage that serves queries (set by the writer that promotes it)
//   ['builds', view]         -> last build number handed out (builds only grow)
import type { Database, Key } from 'lmdb';
import type { Offset } from '../log/event-log.js';
import { EMPTY_CHECKSUM } from './row-checksum.js';

export const META_DB = 'sluice:meta';
export const META_FORMAT = 1;

export type StorageState = 'building' | 'ready' | 'failed';

/** Identifies the last applied record, so a log that lost its tail and grew again is not mistaken for the same log. */
export interface RecordMark {
  readonly stream: string;
  readonly revision: number;
  readonly ts: number;
}

export interface StorageMeta {
  readonly view: string;
  readonly version: number;
  readonly build: number;
  /** `building`: filling from the log start, not yet caught up; `ready`: caught up at least once; `failed`: apply threw. */
  readonly state: StorageState;
  /** Offset of the last applied record; null before the first. */
  readonly position: Offset | null;
  /** Where to continue: the last applied record's `next` (the log start before the first). */
  readonly next: Offset;
  readonly last: RecordMark | null;
  /** Records applied so far. */
  readonly records: number;
  readonly error: { readonly message: string; readonly offset: Offset | null } | null;
  readonly createdAt: number;
  readonly readyAt: number | null;
  /** Who created the build, for humans (`server pid 123`, `reindex pid 456`). */
  readonly builder: string;
  /**
   * Running checksum of the storage's rows (row-checksum.ts), updated with them; absent on builds made before
   * checksums existed (they are not tracked until the view rebuilds).
   */
  readonly checksum?: string;
  /** Rows in the storage's sub-databases, kept with the checksum. */
  readonly rows?: number;
  /**
   * Set while a build defers its checksum and row count (ready-build.ts): both are absent until it catches up,
   * then computed from every row in the transaction that marks it ready.
   */
  readonly checksumDeferred?: boolean;
  /**
   * The log's first offset when the build started: its rows cover the records from here on (more than 0 once
   * retention removed the front of the log). Absent on builds made before it was recorded.
   */
  readonly from?: Offset;
  /**
   * Set while the storage cannot get past a damaged log record at `offset` (its `next`) and may not skip it: the view
   * is `stalled`. Cleared once it moves on (damage skipped, or the record reads again).
   */
  readonly stalled?: { readonly offset: Offset; readonly reason: string } | null;
  /** The operator let this storage pass over damaged records (`sluice views skip-damaged`, POST /views/:view/skip-damaged). */
  readonly skipDamaged?: boolean;
  /** Every damaged range of log this storage passed over, in order: its rows lack whatever those records held. */
  readonly skipped?: readonly SkippedRange[];
}

/** Damaged log bytes [from, to) a storage passed over, and when (ms since the epoch). */
export interface SkippedRange {
  readonly from: Offset;
  readonly to: Offset;
  readonly reason: string;
  readonly at: number;
}

export type MetaDb = Database<unknown, Key>;

export function storageKey(view: string, build: number): Key {
  return ['storage', view, build];
}

export function activeKey(view: string): Key {
  return ['active', view];
}

function buildsKey(view: string): Key {
  return ['builds', view];
}

/** `<view>@v<version>#<build>`: the prefix of the storage's sub-database names. */
export function storageId(meta: Pick<StorageMeta, 'view' | 'version' | 'build'>): string {
  return `${meta.view}@v${meta.version}#${meta.build}`;
}

export function readStorage(meta: MetaDb, view: string, build: number): StorageMeta | undefined {
  return meta.get(storageKey(view, build)) as StorageMeta | undefined;
}

/** Every storage of `view`, oldest build first. */
export function listStorages(meta: MetaDb, view: string): StorageMeta[] {
  const out: StorageMeta[] = [];
  for (const { value } of meta.getRange({ start: ['storage', view], end: ['storage', view, Number.MAX_SAFE_INTEGER] })) {
    out.push(value as StorageMeta);
  }
  return out;
}

/** Names of every view with storages or an active pointer. */
export function listViewNames(meta: MetaDb): string[] {
  const names = new Set<string>();
  for (const key of meta.getKeys({ start: ['storage'], end: ['storage', '\u{10ffff}'] })) names.add((key as [string, string])[1]);
  return [...names];
}

export function readActive(meta: MetaDb, view: string): number | undefined {
  return meta.get(activeKey(view)) as number | undefined;
}

/**
 * Creates a new, empty storage row. Call inside a write transaction. `checksum`: `deferred` (engine and reindex
 * builds: computed when the build catches up) or `running` (kept write by write from the first record, as
 * verification builds need it after every record).
 */
export function createStorage(meta: MetaDb, view: string, version: number, start: Offset, builder: string, checksum: 'deferred' | 'running' = 'deferred'): StorageMeta {
  const build = ((meta.get(buildsKey(view)) as number | undefined) ?? 0) + 1;
  meta.putSync(buildsKey(view), build);
  const row: StorageMeta = {
    view, version, build, state: 'building', position: null, next: start, last: null, records: 0, error: null,
    createdAt: Date.now(), readyAt: null, builder, from: start,
    ...(checksum === 'running' ? { checksum: EMPTY_CHECKSUM, rows: 0 } : { checksumDeferred: true }),
  };
  meta.putSync(storageKey(view, build), row);
  return row;
}

export function writeStorage(meta: MetaDb, row: StorageMeta): void {
  meta.putSync(storageKey(row.view, row.build), row);
}

// Applies log records to storages in batches. One LMDB write transaction per batch covers every storage in step;
// a throwing `apply` aborts it and the batch is redone without that view, so a failure commits nothing of its rows.
// Invariant: a storage's position row is written in the same transaction as the rows its records produced,
// after re-reading it inside the transaction (compare-and-set), so a second writer process never applies a record twice.
// A damaged record at a storage's next offset stalls it or is skipped (view-damage.ts); it never halts the others.
import { damageReason, spanOrThrow } from '../log/damage-span.js';
import type { EventLog, LogRecord, Offset } from '../log/event-log.js';
import { readyRow } from './ready-build.js';
import { passDamage, type DamageOutcome } from './view-damage.js';
import { readStorage, writeStorage, type StorageMeta } from './view-meta.js';
import { markOf, type ViewStorage } from './view-storage.js';
import type { ViewStore } from './view-store.js';

export interface BatchLimits {
  /** Most records per transaction. */
  readonly records: number;
  /** About this many bytes of log per transaction. */
  readonly bytes: number;
}

export const DEFAULT_BATCH_LIMITS: BatchLimits = { records: 32_768, bytes: 16 * 1024 * 1024 };

export type Outcome =
  | { readonly kind: 'applied'; readonly storage: ViewStorage; readonly meta: StorageMeta; readonly records: number }
  | { readonly kind: 'failed'; readonly storage: ViewStorage; readonly meta: StorageMeta; readonly error: unknown }
  /** Another writer changed (or dropped) the storage's row since this process read it: reload, apply nothing. */
  | { readonly kind: 'moved'; readonly storage: ViewStorage; readonly meta: StorageMeta | undefined }
  | DamageOutcome;

export interface LogBatch {
  readonly records: readonly LogRecord[];
  readonly next: Offset;
}

/** What a round reads of the log: its end, batches of records, and the extent of damage. */
export type RoundLog = Pick<EventLog, 'end' | 'readBatch' | 'damagedSpan'>;

/** Up to one batch of records from `from` (a record boundary), read synchronously. */
export function readLogBatch(log: RoundLog, from: Offset, limits: BatchLimits): LogBatch {
  return log.readBatch(from, { limit: limits.records, maxBytes: limits.bytes });
}

function indexOfOffset(records: readonly LogRecord[], offset: Offset): number {
  let lo = 0;
  let hi = records.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = records[mid]!.offset;
    if (at === offset) return mid;
    if (at < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** A view's apply (or flush) threw: the transaction is abandoned and retried without that view. */
class ApplyFailure {
  constructor(readonly storage: ViewStorage, readonly error: unknown, readonly offset: Offset) {}
}

/**
 * Applies `batch` to every storage of `group` whose next record is in it, all in one transaction. A view whose apply
 * throws aborts the attempt; it is retried without that view, which is then marked failed in the same transaction
 * as the others' progress. (Child transactions per view would isolate it too, but cost a commit each per batch.)
 */
export function applyBatch(store: ViewStore, group: readonly ViewStorage[], batch: LogBatch, logEnd: Offset): Outcome[] {
  const failures = new Map<ViewStorage, ApplyFailure>();
  // Open (create) the sub-databases before the transaction: a database opened inside one that aborts is closed.
  for (const storage of group) if (!storage.dropped) storage.openHandles();
  for (;;) {
    try {
      return store.write(() => attempt(store, group, batch, logEnd, failures));
    } catch (err) {
      if (!(err instanceof ApplyFailure)) throw err;
      failures.set(err.storage, err);
    } finally {
      for (const storage of group) storage.ctx.batch.clear();
    }
  }
}

function attempt(store: ViewStore, group: readonly ViewStorage[], batch: LogBatch, logEnd: Offset, failures: ReadonlyMap<ViewStorage, ApplyFailure>): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const storage of group) {
    if (storage.dropped) continue;
    const stored = readStorage(store.meta, storage.meta.view, storage.meta.build);
    if (stored === undefined || stored.next !== storage.meta.next || stored.state !== storage.meta.state) {
      outcomes.push({ kind: 'moved', storage, meta: stored });
      continue;
    }
    const failure = failures.get(storage);
    if (failure !== undefined) {
      const row: StorageMeta = { ...stored, state: 'failed', error: { message: messageOf(failure.error), offset: failure.offset } };
      writeStorage(store.meta, row);
      outcomes.push({ kind: 'failed', storage, meta: row, error: failure.error });
      continue;
    }
    const first = indexOfOffset(batch.records, stored.next);
    if (first < 0) throw new ApplyFailure(storage, new Error(`its next offset ${stored.next} is not the start of a record`), stored.next);
    const records = batch.records;
    const { def, ctx } = storage;
    storage.delta.reset();
    let i = first;
    try {
      const seesErased = def.seesErased === true;
      for (; i < records.length; i++) {
        const record = records[i]!;
        if (record.erased !== true || seesErased) def.apply(record, ctx);
      }
      def.flush?.(ctx);
    } catch (error) {
      throw new ApplyFailure(storage, error, records[Math.min(i, records.length - 1)]!.offset);
    }
    const last = records[records.length - 1]!;
    const caughtUp = stored.state === 'building' && last.next >= logEnd;
    const applied: StorageMeta = {
      ...stored,
      ...(stored.stalled ? { stalled: null } : {}),
      position: last.offset,
      next: last.next,
      last: markOf(last),
      records: stored.records + records.length - first,
      ...(stored.checksum === undefined ? {} : { checksum: storage.delta.applyTo(stored.checksum), rows: (stored.rows ?? 0) + storage.delta.rows }),
    };
    const row = caughtUp ? readyRow(applied, () => storage.rawDbs) : applied;
    writeStorage(store.meta, row);
    outcomes.push({ kind: 'applied', storage, meta: row, records: records.length - first });
  }
  return outcomes;
}

/** Marks a build with nothing left to apply ready (compare-and-set); the row as stored afterwards. */
export function completeBuild(store: ViewStore, building: ViewStorage): StorageMeta | undefined {
  building.openHandles();
  return store.write(() => {
    const stored = readStorage(store.meta, building.meta.view, building.build);
    if (stored === undefined || stored.state !== 'building' || stored.next !== building.meta.next) return stored;
    const ready = readyRow(stored, () => building.rawDbs);
    writeStorage(store.meta, ready);
    return ready;
  });
}

/**
 * One round: every storage that is behind the log end advances by at most one batch. Storages at the same place
 * share a read and a transaction; a storage far behind (a rebuild) does not hold back those following the tail.
 */
export function runRound(store: ViewStore, log: RoundLog, storages: readonly ViewStorage[], limits: BatchLimits, skipDamaged = false): Outcome[] {
  const outcomes: Outcome[] = [];
  let pending = storages
    .filter((s) => !s.dropped && !s.stuck && s.meta.state !== 'failed' && s.meta.next < log.end)
    .sort((a, b) => a.meta.next - b.meta.next);
  while (pending.length > 0) {
    const from = pending[0]!.meta.next;
    let batch: LogBatch;
    try {
      batch = readLogBatch(log, from, limits);
    } catch (err) {
      if (damageReason(err, from) === undefined) throw err;
      const group = pending.filter((s) => s.meta.next === from);
      for (const outcome of passDamage(store, group, spanOrThrow(log, from, err), skipDamaged)) {
        if (outcome.meta !== undefined) outcome.storage.meta = outcome.meta;
        if (outcome.kind === 'stalled') outcome.storage.stuck = true;
        outcomes.push(outcome);
      }
      pending = pending.filter((s) => !group.includes(s));
      continue;
    }
    if (batch.records.length === 0) break;
    const group = pending.filter((s) => s.meta.next < batch.next);
    if (store.isClosed) break;
    for (const outcome of applyBatch(store, group, batch, log.end)) {
      if (outcome.meta !== undefined) outcome.storage.meta = outcome.meta;
      outcomes.push(outcome);
    }
    pending = pending.filter((s) => !group.includes(s));
  }
  return outcomes;
}

// What a view does at a damaged log record (a read at its `next` fails its checksum): it stalls there, saying so in
// its meta, or, when skipping is allowed (the store's `skipDamaged`, or the storage's own flag set by the operator),
// it moves past the damaged range and records the range in its meta. Never silently: either way the meta row says it,
// written in one transaction with a compare-and-set like every other position change (view-runner.ts).
import type { DamagedSpan } from '../log/event-log.js';
import type { Logger } from '../logger.js';
import { readStorage, writeStorage, type StorageMeta } from './view-meta.js';
import type { ViewStorage } from './view-storage.js';
import type { ViewStore } from './view-store.js';

export type DamageOutcome =
  | { readonly kind: 'stalled' | 'skipped'; readonly storage: ViewStorage; readonly meta: StorageMeta; readonly span: DamagedSpan }
  | { readonly kind: 'moved'; readonly storage: ViewStorage; readonly meta: StorageMeta | undefined };

/** Stalls or advances every storage of `group` (all at `span.from`) in one transaction. */
export function passDamage(store: ViewStore, group: readonly ViewStorage[], span: DamagedSpan, skipAll: boolean): DamageOutcome[] {
  return store.write(() => group.filter((s) => !s.dropped).map((storage): DamageOutcome => {
    const stored = readStorage(store.meta, storage.meta.view, storage.meta.build);
    if (stored === undefined || stored.next !== storage.meta.next || stored.state !== storage.meta.state) return { kind: 'moved', storage, meta: stored };
    if (skipAll || stored.skipDamaged === true) {
      const range = { from: span.from, to: span.to, reason: span.reason, at: Date.now() };
      const row: StorageMeta = { ...stored, next: span.to, stalled: null, skipped: [...stored.skipped ?? [], range] };
      writeStorage(store.meta, row);
      return { kind: 'skipped', storage, meta: row, span };
    }
    const row: StorageMeta = { ...stored, stalled: { offset: span.from, reason: span.reason } };
    if (stored.stalled?.offset !== span.from || stored.stalled.reason !== span.reason) writeStorage(store.meta, row);
    return { kind: 'stalled', storage, meta: row, span };
  }));
}

/** Lets the storages pass over damaged records from now on (the operator's decision), and try again. */
export function allowSkipping(store: ViewStore, storages: readonly ViewStorage[]): void {
  store.write(() => {
    for (const storage of storages) {
      const stored = readStorage(store.meta, storage.meta.view, storage.meta.build);
      if (stored === undefined) continue;
      const row: StorageMeta = { ...stored, skipDamaged: true };
      writeStorage(store.meta, row);
      storage.meta = row;
    }
  });
  for (const storage of storages) storage.stuck = false;
}

/** A stall is an error for the operator; a skip a warning naming what the view's rows now lack. */
export function logDamage(logger: Logger, view: string, kind: 'stalled' | 'skipped', span: DamagedSpan): void {
  const fields = { view, from: span.from, to: span.to, reason: span.reason };
  if (kind === 'stalled') logger.error(fields, `view ${view} is stalled before the damaged log record at offset ${span.from} (${span.reason}); see docs/operations.md, "A stalled view"`);
  else logger.warn(fields, `view ${view} skipped damaged log records at offsets ${span.from}..${span.to} (${span.reason})`);
}

// A transaction's writes to a dupsort sub-database, gathered during apply and put in key order at flush: LMDB
// inserts in key order walk the B-tree like a merge instead of jumping between pages. The rows are the same as
// when put record by record (within a key, values keep log order). A number is put as an 8-byte offset.
import type { ViewDb } from '../core/view-engine/view-definition.js';
import { encodeOffset } from './offset-codec.js';

/** Where the pending writes live in the transaction scratch (`ctx.batch`), beside the view's own keys. */
const SLOT = Symbol('sorted puts');

export class SortedPuts {
  /** Values by key, each list in log order; only the distinct keys are sorted at flush. */
  private byKey = new Map<string, unknown[]>();

  /** The writes pending for `db` in this transaction's scratch, created on first use. */
  static for(batch: Map<unknown, unknown>, db: ViewDb): SortedPuts {
    let all = batch.get(SLOT) as Map<ViewDb, SortedPuts> | undefined;
    if (all === undefined) batch.set(SLOT, (all = new Map()));
    let puts = all.get(db);
    if (puts === undefined) all.set(db, (puts = new SortedPuts()));
    return puts;
  }

  /** Puts the writes pending for `db` (if any): at flush, and before a removal that must see them. */
  static flush(batch: Map<unknown, unknown>, db: ViewDb): void {
    (batch.get(SLOT) as Map<ViewDb, SortedPuts> | undefined)?.get(db)?.putAll(db);
  }

  add(key: string, value: unknown): void {
    const values = this.byKey.get(key);
    if (values === undefined) this.byKey.set(key, [value]);
    else values.push(value);
  }

  private putAll(db: ViewDb): void {
    const { byKey } = this;
    if (byKey.size === 0) return;
    this.byKey = new Map();
    const keys = byKey.size === 1 ? byKey.keys() : [...byKey.keys()].sort();
    for (const key of keys) {
      for (const value of byKey.get(key)!) db.put(key, typeof value === 'number' ? encodeOffset(value) : value);
    }
  }
}

// A transaction's writes to a dupsort sub-database, gathered during apply and put in key order at flush: LMDB
// inserts in key order walk the B-tree like a merge instead of jumping between pages. The rows are the same as
// when put record by record (within a key, values keep log order). A number is put as an 8-byte offset.
import type { ViewDb } from '../core/view-engine/view-definition.js';
import { encodeOffset } from './offset-codec.js';

/** Where the pending writes live in the transaction scratch (`ctx.batch`), beside the view's own keys. */
const SLOT = Symbol('sorted puts');

export class SortedPuts {
  private keys: string[] = [];
  private values: unknown[] = [];

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
    this.keys.push(key);
    this.values.push(value);
  }

  private putAll(db: ViewDb): void {
    const { keys, values } = this;
    const order = Array.from(keys.keys()).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : a - b));
    for (const i of order) {
      const value = values[i];
      db.put(keys[i]!, typeof value === 'number' ? encodeOffset(value) : value);
    }
    this.keys = [];
    this.values = [];
  }
}

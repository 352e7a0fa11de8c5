// The sub-databases `apply` and `flush` write through: the view's own LMDB databases, whose put and remove also fold
// the rows they add and take away into the storage's running checksum (row-checksum.ts). Reads pass straight through.
// Invariant: the checksum delta is applied to the storage's meta row in the same transaction as these writes.
import type { Key } from 'lmdb';
import type { DbSpec, ViewDb, ViewDbs } from './view-definition.js';
import { keyBytesOf, seedsOf, type ChecksumDelta, type RowSeeds } from './row-checksum.js';

// lmdb-js's put inside a transaction resolves at once; answer likewise without a promise per write.
const ADDED = Promise.resolve(true);
const NOT_ADDED = Promise.resolve(false);
const NO_DUP_DATA = { noDupData: true } as never;

type Encoder = { encode?: (value: unknown) => Uint8Array | string; writeKey?: unknown };

/** A dupsort value's bytes as LMDB stores them (the database's value encoding). */
function valueBytes(db: ViewDb, spec: DbSpec, value: unknown): Uint8Array {
  if (spec.encoding === 'binary') return value as Uint8Array;
  if (spec.encoding === 'ordered-binary') return keyBytesOf(value as Key);
  const encoder = (db as unknown as { encoder?: Encoder }).encoder;
  const encoded = encoder?.encode ? encoder.encode(value) : value;
  return typeof encoded === 'string' ? Buffer.from(encoded) : Buffer.from(encoded as Uint8Array);
}

function tracked(db: ViewDb, spec: DbSpec, seeds: RowSeeds, delta: ChecksumDelta): ViewDb {
  const single = (key: Key, write: () => unknown): unknown => {
    const before = db.getBinary(key);
    const result = write();
    const after = db.getBinary(key);
    if (before !== undefined && after !== undefined && Buffer.compare(before, after) === 0) return result;
    if (before !== undefined) delta.toggleKey(seeds, key, before, -1);
    if (after !== undefined) delta.toggleKey(seeds, key, after, 1);
    return result;
  };
  // Dupsort writes learn from LMDB itself whether the pair was added or removed (noDupData; removeSync's result):
  // an existence check first would scan every value of the key.
  const dupPut = (key: Key, value: unknown): boolean => {
    const added = db.putSync(key, value, NO_DUP_DATA) as unknown as boolean;
    if (added) delta.toggleKey(seeds, key, valueBytes(db, spec, value), 1);
    return added;
  };
  const dupRemove = (key: Key, value: unknown): boolean => {
    if (value !== undefined) {
      const removed = db.removeSync(key, value);
      if (removed) delta.toggleKey(seeds, key, valueBytes(db, spec, value), -1);
      return removed;
    }
    const gone = [...db.getValues(key)].map((v) => Buffer.from(valueBytes(db, spec, v)));
    const removed = db.removeSync(key);
    if (removed) for (const bytes of gone) delta.toggleKey(seeds, key, bytes, -1);
    return removed;
  };
  const overrides: Record<string, (...args: any[]) => unknown> = spec.dupSort
    ? {
      put: (key: Key, value: unknown) => (dupPut(key, value) ? ADDED : NOT_ADDED),
      putSync: (key: Key, value: unknown) => dupPut(key, value),
      remove: (key: Key, value?: unknown) => (dupRemove(key, value) ? ADDED : NOT_ADDED),
      removeSync: (key: Key, value?: unknown) => dupRemove(key, value),
    }
    : {
      put: (key: Key, value: unknown, ...rest: unknown[]) => single(key, () => (db.put as any)(key, value, ...rest)),
      putSync: (key: Key, value: unknown, ...rest: unknown[]) => single(key, () => (db.putSync as any)(key, value, ...rest)),
      remove: (key: Key, ...rest: unknown[]) => single(key, () => (db.remove as any)(key, ...rest)),
      removeSync: (key: Key, ...rest: unknown[]) => single(key, () => (db.removeSync as any)(key, ...rest)),
    };
  const bound = new Map<PropertyKey, unknown>();
  return new Proxy(db, {
    get(target, prop) {
      if (typeof prop === 'string' && prop in overrides) return overrides[prop];
      const value = (target as any)[prop];
      if (typeof value !== 'function') return value;
      let fn = bound.get(prop);
      if (fn === undefined) bound.set(prop, (fn = value.bind(target)));
      return fn;
    },
  });
}

/** `dbs` wrapped so that their writes update `delta`. */
export function checksummedDbs(dbs: ViewDbs, specs: Readonly<Record<string, DbSpec>>, delta: ChecksumDelta): ViewDbs {
  const out: Record<string, ViewDb> = {};
  for (const [name, db] of Object.entries(dbs)) out[name] = tracked(db, specs[name] ?? {}, seedsOf(name), delta);
  return Object.freeze(out);
}

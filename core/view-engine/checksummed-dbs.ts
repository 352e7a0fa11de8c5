// The sub-databases `apply` and `flush` write through: the view's own LMDB databases, whose put and remove also fold
// the rows they add and take away into the storage's running checksum (row-checksum.ts). Reads pass straight through.
// Invariant: the checksum delta is applied to the storage's meta row in the same transaction as these writes.
import type { Key } from 'lmdb';
import type { DbSpec, ViewDb, ViewDbs } from './view-definition.js';
import { keyBytesOf, seedsOf, type ChecksumDelta, type RowSeeds } from './row-checksum.js';

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
    const keyBytes = before === undefined && after === undefined ? undefined : keyBytesOf(key);
    if (before !== undefined) delta.toggle(seeds, keyBytes!, before, -1);
    if (after !== undefined) delta.toggle(seeds, keyBytes!, after, 1);
    return result;
  };
  const dupPut = (key: Key, value: unknown, write: () => unknown): unknown => {
    const existed = db.doesExist(key, value);
    const result = write();
    if (!existed && db.doesExist(key, value)) delta.toggle(seeds, keyBytesOf(key), valueBytes(db, spec, value), 1);
    return result;
  };
  const dupRemove = (key: Key, value: unknown, write: () => unknown): unknown => {
    const keyBytes = keyBytesOf(key);
    const gone = value === undefined
      ? [...db.getValues(key)].map((v) => Buffer.from(valueBytes(db, spec, v)))
      : db.doesExist(key, value) ? [valueBytes(db, spec, value)] : [];
    const result = write();
    for (const bytes of gone) delta.toggle(seeds, keyBytes, bytes, -1);
    return result;
  };
  const overrides: Record<string, (...args: any[]) => unknown> = spec.dupSort
    ? {
      put: (key: Key, value: unknown, ...rest: unknown[]) => dupPut(key, value, () => (db.put as any)(key, value, ...rest)),
      putSync: (key: Key, value: unknown, ...rest: unknown[]) => dupPut(key, value, () => (db.putSync as any)(key, value, ...rest)),
      remove: (key: Key, value?: unknown) => dupRemove(key, value, () => (value === undefined ? db.remove(key) : db.remove(key, value))),
      removeSync: (key: Key, value?: unknown) => dupRemove(key, value, () => (value === undefined ? db.removeSync(key) : db.removeSync(key, value))),
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

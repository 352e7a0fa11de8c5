// An order-independent checksum of a view's rows: the XOR of a 64-bit hash of every row (sub-database name, key
// bytes, value bytes, exactly as LMDB stores them). A put or remove changes it by XOR-ing the row's hash out and in,
// so it is kept up to date in the same transaction as the rows, and two builds (or two nodes) that hold the same rows
// hold the same checksum whatever order or batches they wrote them in. Rows are a set (a key, or a key and one of its
// dupsort values, appears once), so XOR never cancels two distinct rows by accident.
import { xxh32 } from '@node-rs/xxhash';
import { writeKey, type Key } from 'ordered-binary';

/** The checksum of no rows. */
export const EMPTY_CHECKSUM = '0000000000000000';

const SEED_A = 0x51c1_0e01;
const SEED_B = 0x51c1_0e02;

/** Per sub-database seeds, so the same key and value in two sub-databases are two different rows. */
export interface RowSeeds {
  readonly a: number;
  readonly b: number;
}

export function seedsOf(dbName: string): RowSeeds {
  return { a: xxh32(dbName, SEED_A), b: xxh32(dbName, SEED_B) };
}

let scratch = Buffer.allocUnsafe(64 * 1024);

function room(size: number): Buffer {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  return scratch;
}

/** A row's bytes: 4-byte key length, key bytes, value bytes (the key length keeps key and value apart). */
function rowBytes(keyBytes: Uint8Array, value: Uint8Array): Buffer {
  const buf = room(4 + keyBytes.length + value.length);
  buf.writeUInt32LE(keyBytes.length, 0);
  buf.set(keyBytes, 4);
  buf.set(value, 4 + keyBytes.length);
  return buf.subarray(0, 4 + keyBytes.length + value.length);
}

/** A key in LMDB's byte encoding (ordered-binary, what lmdb-js writes for the default key encoding). */
export function keyBytesOf(key: Key): Buffer {
  const buf = room(4096);
  const end = writeKey(key, buf, 0);
  return Buffer.from(buf.subarray(0, end));
}

/** The XOR of row hashes accumulated over one transaction, and the change in the row count. */
export class ChecksumDelta {
  a = 0;
  b = 0;
  rows = 0;

  reset(): void {
    this.a = 0;
    this.b = 0;
    this.rows = 0;
  }

  /** A row appeared (`sign` 1) or went away (`sign` -1). */
  toggle(seeds: RowSeeds, keyBytes: Uint8Array, value: Uint8Array, sign: 1 | -1): void {
    const bytes = rowBytes(keyBytes, value);
    this.a = (this.a ^ xxh32(bytes, seeds.a)) >>> 0;
    this.b = (this.b ^ xxh32(bytes, seeds.b)) >>> 0;
    this.rows += sign;
  }

  /** `checksum` with this delta applied. */
  applyTo(checksum: string): string {
    const a = (Number.parseInt(checksum.slice(0, 8), 16) ^ this.a) >>> 0;
    const b = (Number.parseInt(checksum.slice(8, 16), 16) ^ this.b) >>> 0;
    return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
  }
}

/** What a raw (binary key, binary value) view of a sub-database yields. */
export interface RawRow {
  readonly key: Uint8Array;
  readonly value: Uint8Array;
}

/** The checksum and row count of whole sub-databases, recomputed from every row (what the running one must equal). */
export function checksumOfRows(dbs: Readonly<Record<string, Iterable<RawRow>>>): { checksum: string; rows: number } {
  const delta = new ChecksumDelta();
  for (const [name, rows] of Object.entries(dbs)) {
    const seeds = seedsOf(name);
    for (const { key, value } of rows) delta.toggle(seeds, key, value, 1);
  }
  return { checksum: delta.applyTo(EMPTY_CHECKSUM), rows: delta.rows };
}

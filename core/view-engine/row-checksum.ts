// An order-independent checksum of a view's rows: the XOR of a 64-bit hash of every row (sub-database name, key
// bytes, value bytes, exactly as LMDB stores them). A put or remove changes it by XOR-ing the row's hash out and in,
// so it is kept up to date in the same transaction as the rows, and two builds (or two nodes) that hold the same rows
// hold the same checksum whatever order or batches they wrote them in. Rows are a set (a key, or a key and one of its
// dupsort values, appears once), so XOR never cancels two distinct rows by accident.
// The row hash is murmur3 (32-bit) run under two seeds in one pass, in JS: a row is tens of bytes, and crossing into
// native code per row (a native xxHash) cost more than hashing it here.
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
  const bytes = Buffer.from(dbName);
  hash64(bytes, bytes.length, SEED_A, SEED_B);
  return { a: laneA, b: laneB };
}

/** Result lanes of `hash64` (module-level so hashing a row allocates nothing). */
let laneA = 0;
let laneB = 0;

function fmix(h: number, length: number): number {
  h ^= length;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** murmur3 (x86, 32-bit) of `bytes[0, length)` under two seeds at once, into `laneA` and `laneB`. */
function hash64(bytes: Uint8Array, length: number, seedA: number, seedB: number): void {
  let a = seedA >>> 0;
  let b = seedB >>> 0;
  let i = 0;
  for (; i + 4 <= length; i += 4) {
    let k = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    k = Math.imul(k, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    a ^= k;
    a = (Math.imul((a << 13) | (a >>> 19), 5) + 0xe6546b64) | 0;
    b ^= k;
    b = (Math.imul((b << 13) | (b >>> 19), 5) + 0xe6546b64) | 0;
  }
  const rest = length & 3;
  if (rest > 0) {
    let k = bytes[i]!;
    if (rest > 1) k |= bytes[i + 1]! << 8;
    if (rest > 2) k |= bytes[i + 2]! << 16;
    k = Math.imul(k, 0xcc9e2d51);
    k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
    a ^= k;
    b ^= k;
  }
  laneA = fmix(a, length);
  laneB = fmix(b, length);
}

let scratch = Buffer.allocUnsafe(64 * 1024);

function room(size: number): Buffer {
  if (scratch.length < size) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
  return scratch;
}

/** Writes a row's bytes into the scratch buffer: 4-byte key length, key bytes, value bytes; returns the length. */
function rowBytes(key: Uint8Array | Key, encodeKey: boolean, value: Uint8Array): number {
  let buf = room(4 + 4096 + value.length);
  let keyLength: number;
  if (encodeKey) {
    keyLength = writeKey(key as Key, buf, 4) - 4;
  } else {
    keyLength = (key as Uint8Array).length;
    buf = room(4 + keyLength + value.length);
    buf.set(key as Uint8Array, 4);
  }
  buf.writeUInt32LE(keyLength, 0);
  buf.set(value, 4 + keyLength);
  return 4 + keyLength + value.length;
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

  /** A row (key as LMDB stores it) appeared (`sign` 1) or went away (`sign` -1). */
  toggle(seeds: RowSeeds, keyBytes: Uint8Array, value: Uint8Array, sign: 1 | -1): void {
    this.add(seeds, rowBytes(keyBytes, false, value), sign);
  }

  /** The same for a key as the view gave it (encoded here as LMDB encodes it). */
  toggleKey(seeds: RowSeeds, key: Key, value: Uint8Array, sign: 1 | -1): void {
    this.add(seeds, rowBytes(key, true, value), sign);
  }

  private add(seeds: RowSeeds, length: number, sign: 1 | -1): void {
    hash64(scratch, length, seeds.a, seeds.b);
    this.a = (this.a ^ laneA) >>> 0;
    this.b = (this.b ^ laneB) >>> 0;
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

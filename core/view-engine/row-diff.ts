// Compares two storages of one view row by row, as stored (binary keys and values), in key order: counts the rows
// that differ and describes the first, decoded for humans. Also recomputes the first side's checksum on the way.
import { readKey } from 'ordered-binary';
import type { Transaction } from 'lmdb';
import type { DbSpec, ViewDb, ViewDbs } from './view-definition.js';
import { ChecksumDelta, EMPTY_CHECKSUM, seedsOf } from './row-checksum.js';

export interface RowDifference {
  readonly db: string;
  readonly key: unknown;
  /** The value in the live build; undefined when the row is missing there. */
  readonly live: unknown;
  /** The value in the rebuilt one; undefined when the row is missing there. */
  readonly rebuilt: unknown;
}

export interface RowDiff {
  readonly differences: number;
  readonly first: RowDifference | null;
  /** Rows of the live side, and their checksum recomputed from every row. */
  readonly liveRows: number;
  readonly liveChecksum: string;
}

const YIELD_EVERY = 4096;

interface Entry {
  readonly key: Buffer;
  readonly value: Buffer;
}

function decodeValue(db: ViewDb, spec: DbSpec, bytes: Buffer | undefined): unknown {
  if (bytes === undefined) return undefined;
  switch (spec.encoding) {
    case 'binary': return bytes.toString('hex');
    case 'ordered-binary': return readKey(bytes, 0, bytes.length);
    case 'string': return bytes.toString('utf8');
    case 'json': return JSON.parse(bytes.toString('utf8'));
    default: return (db as unknown as { decoder: { decode(b: Buffer): unknown } }).decoder.decode(bytes);
  }
}

function* entries(db: ViewDb, transaction: Transaction | undefined): Generator<Entry> {
  for (const { key, value } of db.getRange(transaction === undefined ? {} : { transaction })) {
    yield { key: Buffer.from(key as Uint8Array), value: Buffer.from(value as Uint8Array) };
  }
}

/**
 * `live` and `rebuilt` are raw (binary) handles of the same view's sub-databases; `decoders` the normal handles used
 * to show a difference. `liveTxn` reads the live side in one snapshot.
 */
export async function diffRows(specs: Readonly<Record<string, DbSpec>>, live: ViewDbs, rebuilt: ViewDbs, decoders: ViewDbs, liveTxn?: Transaction): Promise<RowDiff> {
  let steps = 0;
  let differences = 0;
  let first: RowDifference | null = null;
  const checksum = new ChecksumDelta();
  for (const [name, spec] of Object.entries(specs)) {
    const seeds = seedsOf(name);
    const a = entries(live[name]!, liveTxn);
    const b = entries(rebuilt[name]!, undefined);
    let x = a.next();
    let y = b.next();
    const differ = (key: Buffer, liveValue: Buffer | undefined, rebuiltValue: Buffer | undefined): void => {
      differences++;
      first ??= {
        db: name, key: readKey(key, 0, key.length),
        live: decodeValue(decoders[name]!, spec, liveValue), rebuilt: decodeValue(decoders[name]!, spec, rebuiltValue),
      };
    };
    const stepLive = (): IteratorResult<Entry> => {
      checksum.toggle(seeds, x.value!.key, x.value!.value, 1);
      return a.next();
    };
    while (!x.done || !y.done) {
      // Yield now and then: a server verifying in-process keeps answering while a large view is compared.
      if (++steps % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const order = x.done ? 1 : y.done ? -1 : Buffer.compare(x.value.key, y.value.key) || (spec.dupSort ? Buffer.compare(x.value.value, y.value.value) : 0);
      if (order === 0) {
        if (Buffer.compare(x.value!.value, y.value!.value) !== 0) differ(x.value!.key, x.value!.value, y.value!.value);
        x = stepLive();
        y = b.next();
      } else if (order < 0) {
        differ(x.value!.key, x.value!.value, undefined);
        x = stepLive();
      } else {
        differ(y.value!.key, undefined, y.value!.value);
        y = b.next();
      }
    }
  }
  return { differences, first, liveRows: checksum.rows, liveChecksum: checksum.applyTo(EMPTY_CHECKSUM) };
}

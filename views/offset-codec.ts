// Log offsets as index values: 8 bytes big-endian, so LMDB's byte order is numeric order and a dupsort index can
// store them fixed-size (MDB_DUPFIXED: packed without per-value headers, about half the pages of a msgpack number).
import type { DbSpec } from '../core/view-engine/view-definition.js';

/** The sub-database options for key -> offsets indexes. */
export const OFFSETS_DB: DbSpec = { dupSort: true, dupFixed: true, encoding: 'binary' };

const TWO_32 = 0x1_0000_0000;
const scratch = Buffer.alloc(8);

/**
 * `offset` as 8 big-endian bytes. With no `into`, a shared scratch buffer is returned: use it at once (a put inside
 * a synchronous transaction copies it), never keep it.
 */
export function encodeOffset(offset: number, into: Buffer = scratch): Buffer {
  into.writeUInt32BE(Math.floor(offset / TWO_32), 0);
  into.writeUInt32BE(offset >>> 0, 4);
  return into;
}

export function decodeOffset(bytes: Uint8Array): number {
  const view = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.readUInt32BE(0) * TWO_32 + view.readUInt32BE(4);
}

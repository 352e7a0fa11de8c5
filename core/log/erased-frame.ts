// The erased frame kind: a record whose data, meta and tags were overwritten where they lay. It keeps its length (so
// every offset and `next` stays), its stream, type, revision, timestamp, COMMIT flag and synced end, and carries
// FLAG_ERASED; everything after its type is zero. Its checksum is computed afresh, so `verify` passes it as valid.
// The layout is a pure function of an ErasureTarget, so a torn overwrite is redone from the journal alone.
import { crc32c } from '@node-rs/crc32';
import { BODY_FIXED_BYTES, FLAG_COMMIT, FLAG_ERASED, readBodyLayout } from './event-codec.js';
import { frameSeed, frameSyncedEnd, FRAME_HEADER_BYTES, FRAME_OVERHEAD } from './frame-codec.js';

const TWO_32 = 0x1_0000_0000;

/** Everything needed to write a record's erased frame, without any of its erased content. */
export interface ErasureTarget {
  readonly offset: number;
  /** The whole frame's length in bytes (unchanged by erasure). */
  readonly length: number;
  readonly syncedEnd: number;
  readonly commit: boolean;
  readonly revision: number;
  readonly ts: number;
  readonly stream: string;
  readonly type: string;
}

/** Whether the checked frame at `at` is already erased. */
export function frameIsErased(buf: Buffer, at: number): boolean {
  return (buf[at + FRAME_HEADER_BYTES]! & FLAG_ERASED) !== 0;
}

/** The target describing the checked frame at `at` (log offset `offset`, `length` bytes). */
export function erasureTargetOf(buf: Buffer, at: number, offset: number, length: number): ErasureTarget {
  const body = at + FRAME_HEADER_BYTES;
  const layout = readBodyLayout(buf, body, at + length - 4)!;
  return {
    offset, length, syncedEnd: frameSyncedEnd(buf, at), commit: (layout.flags & FLAG_COMMIT) !== 0,
    revision: layout.revision, ts: layout.ts,
    stream: buf.toString('latin1', layout.streamStart, layout.streamEnd),
    type: buf.toString('utf8', layout.streamEnd, layout.typeEnd),
  };
}

/** The erased frame for `target`, checksummed for its offset under `salt`. */
export function erasedFrame(target: ErasureTarget, salt: number): Buffer {
  const n = target.length - FRAME_OVERHEAD;
  const frame = Buffer.alloc(target.length); // zero-filled: the erased bytes
  frame.writeUInt32LE(n, 4);
  frame.writeUInt32LE(target.syncedEnd >>> 0, 8);
  frame.writeUInt32LE(Math.floor(target.syncedEnd / TWO_32), 12);
  const body = FRAME_HEADER_BYTES;
  frame[body] = FLAG_ERASED | (target.commit ? FLAG_COMMIT : 0);
  const streamBytes = Buffer.byteLength(target.stream, 'latin1');
  const typeBytes = Buffer.byteLength(target.type, 'utf8');
  frame.writeUInt16LE(streamBytes, body + 2);
  frame.writeUInt16LE(typeBytes, body + 4);
  frame.writeUInt32LE(target.revision, body + 8);
  frame.writeDoubleLE(target.ts, body + 12);
  let p = body + BODY_FIXED_BYTES;
  p += frame.write(target.stream, p, 'latin1');
  frame.write(target.type, p, 'utf8');
  frame.writeUInt32LE(n, body + n);
  frame.writeUInt32LE(crc32c(frame.subarray(4, body + n), frameSeed(salt, target.offset)), 0);
  return frame;
}

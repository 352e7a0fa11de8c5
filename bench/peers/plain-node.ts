// The plain Node baseline: the least work a log must do. Append: JSON-encode each event, frame it (length + CRC32C),
// gather frames in 4 MiB buffers, write them, sync once at the end. Reads: walk the same frames in 4 MiB chunks,
// checking each checksum, with and without `JSON.parse` of the payload.
import { crc32c } from '@node-rs/crc32';
import { closeSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';
import { depositEvent } from '../workload.js';

const CHUNK = 4 << 20;
const HEADER = 8;

export function plainAppend(file: string, events: number): number {
  const fd = openSync(file, 'w');
  const buf = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  let bytes = 0;
  for (let n = 0; n < events; n++) {
    const json = JSON.stringify(depositEvent(n));
    const length = Buffer.byteLength(json);
    if (used + HEADER + length > CHUNK) {
      writeSync(fd, buf, 0, used);
      bytes += used;
      used = 0;
    }
    buf.write(json, used + HEADER, 'utf8');
    buf.writeUInt32LE(length, used);
    buf.writeUInt32LE(crc32c(buf.subarray(used + HEADER, used + HEADER + length)), used + 4);
    used += HEADER + length;
  }
  writeSync(fd, buf, 0, used);
  bytes += used;
  fsyncSync(fd);
  closeSync(fd);
  return bytes;
}

/** Walks every frame, checking its checksum; `onPayload` sees each payload's bytes. Returns the record count. */
function walkFrames(file: string, onPayload: (buf: Buffer, start: number, end: number) => void): number {
  const fd = openSync(file, 'r');
  let buf = Buffer.allocUnsafe(CHUNK);
  let have = 0;
  let position = 0;
  let count = 0;
  for (;;) {
    const read = readSync(fd, buf, have, buf.length - have, position);
    position += read;
    have += read;
    let at = 0;
    while (at + HEADER <= have) {
      const length = buf.readUInt32LE(at);
      if (at + HEADER + length > have) break;
      const payload = buf.subarray(at + HEADER, at + HEADER + length);
      if (crc32c(payload) !== buf.readUInt32LE(at + 4)) throw new Error(`bad checksum at ${position - have + at}`);
      onPayload(buf, at + HEADER, at + HEADER + length);
      count++;
      at += HEADER + length;
    }
    if (read === 0) break;
    const rest = buf.subarray(at, have);
    const next = Buffer.allocUnsafe(Math.max(CHUNK, rest.length * 2));
    rest.copy(next);
    buf = next;
    have = rest.length;
  }
  closeSync(fd);
  return count;
}

/** Decoded scan: every payload parsed; returns [records, checksum of amounts]. */
export function plainScan(file: string): [number, number] {
  let sum = 0;
  const count = walkFrames(file, (buf, start, end) => {
    sum += (JSON.parse(buf.toString('utf8', start, end)) as { data: { amount: number } }).data.amount;
  });
  return [count, sum];
}

/** Frames-only read: each payload copied out as an NDJSON line, none parsed (what `cat` and the streams do). */
export function plainFramesRead(file: string): number {
  const out = Buffer.allocUnsafe(CHUNK);
  let used = 0;
  return walkFrames(file, (buf, start, end) => {
    if (used + (end - start) + 1 > out.length) used = 0;
    used += buf.copy(out, used, start, end);
    out[used++] = 10;
  });
}

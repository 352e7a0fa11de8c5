// Reference encoders for the SSE and binary item wire formats, written record by record for clarity. The server
// encodes straight from log frames (server/frame-encoder.ts); tests check it against these, byte for byte.
import type { LogRecord } from '../../core/log/event-log.js';
import { recordLine } from '../../core/wire/record-json.js';

export function encodeSse(record: LogRecord): string {
  return 'id: ' + record.offset + '\nevent: record\ndata: ' + recordLine(record) + '\n\n';
}

/**
 * Binary items for `records` in one buffer: per record, offset as u64 big-endian, payload length as u32
 * big-endian, then the payload (raw bytes for binary events, the JSON text of `data` otherwise).
 */
export function encodeBinaryItems(records: readonly LogRecord[]): Buffer {
  const texts: Array<string | null> = new Array(records.length);
  let size = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    if (record.erased === true) {
      texts[i] = '';
      size += 12;
    } else if (record.binary) {
      texts[i] = null;
      size += 12 + (record.data as Uint8Array).byteLength;
    } else {
      const text = JSON.stringify(record.data === undefined ? null : record.data);
      texts[i] = text;
      size += 12 + Buffer.byteLength(text);
    }
  }
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (let i = 0; i < records.length; i++) {
    const record = records[i]!;
    const text = texts[i];
    // u64 as two u32 halves: offsets are safe integers (< 2^53), and BigInt costs more than the write.
    out.writeUInt32BE(Math.floor(record.offset / 0x1_0000_0000), at);
    out.writeUInt32BE(record.offset >>> 0, at + 4);
    let length: number;
    if (record.erased === true) {
      out.writeUInt32BE(0xffffffff, at + 8); // an erased record: no payload
      at += 12;
      continue;
    }
    if (text === null) {
      const bytes = record.data as Uint8Array;
      out.set(bytes, at + 12);
      length = bytes.byteLength;
    } else {
      length = out.write(text, at + 12, 'utf8');
    }
    out.writeUInt32BE(length, at + 8);
    at += 12 + length;
  }
  return out;
}

// How a log record looks on the wire: JSON objects (JSON, NDJSON, SSE) and the binary item stream.
// Binary payloads travel as base64 in JSON; in the binary stream a JSON event's payload is its JSON text.
import type { LogRecord, Offset } from '../core/log/event-log.js';

export interface RecordJson {
  offset: Offset;
  stream: string;
  revision: number;
  type: string;
  ts: number;
  data: unknown;
  encoding?: 'base64';
  meta?: Record<string, unknown>;
  tags?: readonly string[];
  /** Where the following record starts: continue reading from here. */
  next: Offset;
}

export function recordToJson(record: LogRecord): RecordJson {
  const out = { offset: record.offset, stream: record.stream, revision: record.revision, type: record.type, ts: record.ts } as RecordJson;
  if (record.binary) {
    out.data = Buffer.from((record.data as Uint8Array).buffer, (record.data as Uint8Array).byteOffset, (record.data as Uint8Array).byteLength).toString('base64');
    out.encoding = 'base64';
  } else {
    out.data = record.data === undefined ? null : record.data;
  }
  if (record.meta !== undefined) out.meta = record.meta;
  if (record.tags !== undefined) out.tags = record.tags;
  // `next` last, so a reader sees the record first.
  out.next = record.next;
  return out;
}

/** True for the records core hands out, so query results holding them can be rendered like log reads. */
export function isLogRecord(value: unknown): value is LogRecord {
  return typeof value === 'object' && value !== null && typeof (value as LogRecord).offset === 'number'
    && typeof (value as LogRecord).binary === 'boolean' && typeof (value as LogRecord).stream === 'string';
}

/** JSON.stringify replacer that renders any LogRecord inside a value as a RecordJson. */
export function recordReplacer(_key: string, value: unknown): unknown {
  return isLogRecord(value) ? recordToJson(value) : value;
}

export function encodeNdjson(record: LogRecord): string {
  return JSON.stringify(recordToJson(record)) + '\n';
}

export function encodeSse(record: LogRecord): string {
  return `id: ${record.offset}\nevent: record\ndata: ${JSON.stringify(recordToJson(record))}\n\n`;
}

/** The payload bytes of a record: raw bytes for binary events, the JSON text for JSON events. */
export function payloadOf(record: LogRecord): Buffer {
  if (record.binary) return Buffer.from((record.data as Uint8Array).buffer, (record.data as Uint8Array).byteOffset, (record.data as Uint8Array).byteLength);
  return Buffer.from(JSON.stringify(record.data === undefined ? null : record.data), 'utf8');
}

/** One binary item: offset as u64 big-endian, payload length as u32 big-endian, then the payload. */
export function encodeBinaryItem(record: LogRecord): Buffer[] {
  const payload = payloadOf(record);
  const header = Buffer.allocUnsafe(12);
  header.writeBigUInt64BE(BigInt(record.offset), 0);
  header.writeUInt32BE(payload.length, 8);
  return [header, payload];
}

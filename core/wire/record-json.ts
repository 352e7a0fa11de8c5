// How a log record looks as JSON (JSON pages, query results, `sluice get`); streams encode from frames (frame-encoder.ts).
// Binary payloads travel as base64 in JSON.
import type { LogRecord, Offset } from '../log/event-log.js';

export interface RecordJson {
  offset: Offset;
  stream: string;
  revision: number;
  type: string;
  ts: number;
  id?: string;
  data: unknown;
  encoding?: 'base64';
  meta?: Record<string, unknown>;
  tags?: readonly string[];
  /** Present (true) on a record erased in place; its data is null. */
  erased?: true;
  /** Where the following record starts: continue reading from here. */
  next: Offset;
}

export function recordToJson(record: LogRecord): RecordJson {
  const out = { offset: record.offset, stream: record.stream, revision: record.revision, type: record.type, ts: record.ts } as RecordJson;
  if (record.id !== undefined) out.id = record.id;
  if (record.erased === true) {
    out.data = null;
    out.erased = true;
  } else if (record.binary) {
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

/**
 * The record as one line of JSON, equal to JSON.stringify(recordToJson(record)) but built directly: the streaming
 * formats encode hundreds of thousands of records a second. Stream names need no escaping (the log only accepts
 * letters, digits and ._:@-).
 */
export function recordLine(record: LogRecord): string {
  let line = '{"offset":' + record.offset + ',"stream":"' + record.stream + '","revision":' + record.revision
    + ',"type":' + JSON.stringify(record.type) + ',"ts":' + record.ts + (record.id === undefined ? '' : ',"id":"' + record.id + '"') + ',"data":';
  if (record.erased === true) {
    line += 'null,"erased":true';
  } else if (record.binary) {
    const bytes = record.data as Uint8Array;
    line += '"' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64') + '","encoding":"base64"';
  } else {
    line += JSON.stringify(record.data === undefined ? null : record.data);
  }
  if (record.meta !== undefined) line += ',"meta":' + JSON.stringify(record.meta);
  if (record.tags !== undefined) line += ',"tags":' + JSON.stringify(record.tags);
  return line + ',"next":' + record.next + '}';
}

export function encodeNdjson(record: LogRecord): string {
  return recordLine(record) + '\n';
}

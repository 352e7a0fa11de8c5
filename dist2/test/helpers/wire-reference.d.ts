import type { LogRecord } from '../../core/log/event-log.js';
export declare function encodeSse(record: LogRecord): string;
/**
 * Binary items for `records` in one buffer: per record, offset as u64 big-endian, payload length as u32
 * big-endian, then the payload (raw bytes for binary events, the JSON text of `data` otherwise).
 */
export declare function encodeBinaryItems(records: readonly LogRecord[]): Buffer;

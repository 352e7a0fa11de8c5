// The read loop behind `cat` and `export`: batched reads from a read-only log, filtered, written as NDJSON
// with backpressure; optionally follows the log as another process appends to it.
import { SluiceError } from '../core/errors.js';
import type { LogRecord } from '../core/log/event-log.js';
import type { FileLog } from '../core/log/file-log.js';
import { encodeNdjson } from '../server/record-json.js';
import type { LogFollower } from './log-follower.js';
import type { OutputWriter } from './output-writer.js';

export interface PrintOptions {
  readonly from: number;
  /** Exclusive upper bound on record offsets. */
  readonly to?: number;
  readonly limit?: number;
  readonly filter?: (record: LogRecord) => boolean;
  /** When set, keep printing records as they are appended until the follower's signal aborts. */
  readonly follower?: LogFollower;
}

const BATCH_BYTES = 4 << 20;

/** Prints records; returns how many were printed. */
export async function printRecords(log: FileLog, out: OutputWriter, options: PrintOptions): Promise<number> {
  const { filter, follower } = options;
  const limit = options.limit ?? Infinity;
  const to = options.to ?? Infinity;
  let next = options.from;
  let printed = 0;
  if (next > log.end && follower === undefined) throw new SluiceError('LOG_NO_RECORD', { offset: next });
  for (;;) {
    while (next < log.end && next < to && printed < limit && !out.closed) {
      const batch = log.readBatch(next, { maxBytes: BATCH_BYTES, ...(options.to === undefined ? {} : { until: options.to }) });
      for (const record of batch.records) {
        if (record.offset >= to) {
          next = record.offset;
          break;
        }
        next = record.next;
        if (filter !== undefined && !filter(record)) continue;
        if (out.push(encodeNdjson(record))) await out.flush();
        if (++printed >= limit) break;
      }
      if (batch.records.length === 0) break;
    }
    if (follower === undefined || next >= to || printed >= limit || out.closed) break;
    await out.flush();
    await follower.waitBeyond(Math.max(log.end, next));
    if (follower.stopped) break;
  }
  await out.flush();
  return printed;
}

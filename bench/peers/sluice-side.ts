// Sluice on the peers' workload: batched appends (under either durability contract), the decoded scan, and the
// frames-only read that `sluice cat` and the HTTP streams do (stored JSON copied out, no payload parsed).
import { openFileLog } from '../../core/log/file-log.js';
import type { DurabilityMode } from '../../core/log/event-log.js';
import { FrameEncoder } from '../../core/wire/frame-encoder.js';
import { depositBatch } from '../workload.js';

const BATCH = 1000;

/** `none` + one `sync()` at the end matches the peers' contract; `fsync` keeps 4 batches in flight. */
export async function sluiceAppend(dir: string, events: number, mode: DurabilityMode): Promise<number> {
  const log = await openFileLog({ dir, fsync: mode });
  let next = 0;
  const inFlight = mode === 'fsync' ? 4 : 1;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < events) {
      const start = next;
      next += BATCH;
      await log.appendBatch(depositBatch(start, Math.min(BATCH, events - start)));
    }
  }));
  await log.sync();
  const bytes = log.end;
  await log.close();
  return bytes;
}

export async function sluiceScan(dir: string): Promise<[number, number]> {
  const log = await openFileLog({ dir, readOnly: true });
  let count = 0;
  let sum = 0;
  for await (const record of log.readForward(log.start)) {
    count++;
    sum += (record.data as { amount: number }).amount;
  }
  await log.close();
  return [count, sum];
}

export async function sluiceFramesRead(dir: string): Promise<number> {
  const log = await openFileLog({ dir, readOnly: true });
  const encoder = new FrameEncoder();
  let count = 0;
  let next = log.start;
  const visit = (frame: Buffer, at: number, offset: number, length: number): boolean => {
    encoder.encode(frame, at, offset, length);
    count++;
    return true;
  };
  while (next < log.end) {
    next = log.visitFrames(next, { maxBytes: 4 << 20 }, visit);
    if (encoder.pending > 0) encoder.take();
  }
  await log.close();
  return count;
}

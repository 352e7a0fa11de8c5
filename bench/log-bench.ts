// Log benchmarks: batched append, sequential scan, concurrent durable single appends.
import { join } from 'node:path';
import { openFileLog } from '../core/log/file-log.js';
import { report, type BenchFigure } from './bench-results.js';
import { depositBatch } from './workload.js';

const BATCH = 1000;

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Writes `events` deposit events to `<dataDir>/log` in batches and measures the rest on that log. */
export async function runLogBench(dataDir: string, events: number, results: BenchFigure[]): Promise<void> {
  const log = await openFileLog({ dir: join(dataDir, 'log') });
  let t = process.hrtime.bigint();
  for (let i = 0; i < events; i += BATCH) await log.appendBatch(depositBatch(i, Math.min(BATCH, events - i)));
  let s = seconds(t);
  const bytes = log.end;
  report(results, { name: `log: batched append (${BATCH}/batch, fsync), records/s`, value: Math.round(events / s), unit: 'records/s' });
  report(results, { name: 'log: batched append, MB/s', value: bytes / 2 ** 20 / s, unit: 'MB/s' });
  report(results, { name: 'log: bytes per record on disk', value: bytes / events, unit: 'bytes' });

  t = process.hrtime.bigint();
  let count = 0;
  let checksum = 0;
  for await (const record of log.readForward(log.start)) {
    count++;
    checksum += (record.data as { amount: number }).amount;
  }
  s = seconds(t);
  if (count !== events || checksum < 0) throw new Error(`scan saw ${count} records, expected ${events}`);
  report(results, { name: 'log: sequential scan with payloads decoded, records/s', value: Math.round(count / s), unit: 'records/s' });
  report(results, { name: 'log: sequential scan, MB/s', value: bytes / 2 ** 20 / s, unit: 'MB/s' });

  const appenders = 64;
  const perAppender = 500;
  t = process.hrtime.bigint();
  await Promise.all(Array.from({ length: appenders }, async (_, a) => {
    for (let i = 0; i < perAppender; i++) {
      await log.append(`conc-${a}`, { type: 'deposit', data: { account: `conc-${a}`, amount: i } });
    }
  }));
  s = seconds(t);
  report(results, { name: `log: concurrent single-event durable appends (${appenders} appenders, fsync), appends/s`, value: Math.round((appenders * perAppender) / s), unit: 'appends/s' });
  await log.close();
}

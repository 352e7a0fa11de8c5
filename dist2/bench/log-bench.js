// Log benchmarks: batched append, sequential scan, concurrent durable single appends.
import { join } from 'node:path';
import { openFileLog } from '../core/log/file-log.js';
import { report } from './bench-results.js';
import { depositBatch } from './workload.js';
const BATCH = 1000;
function seconds(start) {
    return Number(process.hrtime.bigint() - start) / 1e9;
}
/** Writes `events` deposit events to `<dataDir>/log` in batches and measures the rest on that log. */
export async function runLogBench(dataDir, events, results) {
    const log = await openFileLog({ dir: join(dataDir, 'log') });
    // One writer that waits for each batch (the disk's sync latency shows), then writers keeping batches in flight
    // (group commit overlaps encoding with the previous round's sync). Half the events each.
    const half = Math.floor(events / 2 / BATCH) * BATCH;
    let t = process.hrtime.bigint();
    for (let i = 0; i < half; i += BATCH)
        await log.appendBatch(depositBatch(i, BATCH));
    let s = seconds(t);
    report(results, { name: `log: batched append (${BATCH}/batch, one batch at a time, fsync), records/s`, value: Math.round(half / s), unit: 'records/s' });
    const inFlight = 4;
    const before = log.end;
    let nextBatch = half;
    t = process.hrtime.bigint();
    await Promise.all(Array.from({ length: inFlight }, async () => {
        while (nextBatch < events) {
            const start = nextBatch;
            nextBatch += BATCH;
            await log.appendBatch(depositBatch(start, Math.min(BATCH, events - start)));
        }
    }));
    s = seconds(t);
    const bytes = log.end;
    report(results, { name: `log: batched append (${BATCH}/batch, ${inFlight} batches in flight, fsync), records/s`, value: Math.round((events - half) / s), unit: 'records/s' });
    report(results, { name: `log: batched append (${inFlight} in flight), MB/s`, value: (bytes - before) / 2 ** 20 / s, unit: 'MB/s' });
    report(results, { name: 'log: bytes per record on disk', value: bytes / events, unit: 'bytes' });
    t = process.hrtime.bigint();
    let count = 0;
    let checksum = 0;
    for await (const record of log.readForward(log.start)) {
        count++;
        checksum += record.data.amount;
    }
    s = seconds(t);
    if (count !== events || checksum < 0)
        throw new Error(`scan saw ${count} records, expected ${events}`);
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
//# sourceMappingURL=log-bench.js.map
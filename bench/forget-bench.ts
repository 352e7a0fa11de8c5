// Forgetting benchmark on the shared log: erasure of one stream of ~100 events (acct-42) in the 1,000,000-event log,
// with the bytes it rewrote, while a writer keeps appending one event at a time (fsync): the longest append
// latency during the erasure shows whether appends pause. Runs last: it changes the shared log.
import { join } from 'node:path';
import { openStore } from '../store/open-store.js';
import { report, type BenchFigure } from './bench-results.js';

function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export async function runForgetBench(dataDir: string, results: BenchFigure[]): Promise<void> {
  const store = await openStore({ dataDir });
  try {
    let t = process.hrtime.bigint();
    await store.views.idle();
    report(results, { name: 'forget: views caught up on open, ms', value: Math.round(ms(t)), unit: 'ms' });
    let appending = true;
    let longest = 0;
    let appends = 0;
    const appendOne = async (): Promise<void> => {
      const started = process.hrtime.bigint();
      await store.append('bench-forget-writer', { type: 'tick', data: { n: appends } });
      longest = Math.max(longest, ms(started));
      appends++;
    };
    // Baseline: the same appender for 200 appends with nothing else running.
    while (appends < 200) await appendOne();
    report(results, { name: 'forget: longest single append, no erasure (baseline), ms', value: Math.round(longest), unit: 'ms' });
    longest = 0;
    appends = 0;
    const appender = (async () => {
      while (appending) await appendOne();
    })();
    t = process.hrtime.bigint();
    const erasure = await store.eraseStream('acct-42');
    const took = ms(t);
    appending = false;
    await appender;
    report(results, { name: `forget: erase one stream (${erasure.erased} events) incl. view rebuild, ms`, value: Math.round(took), unit: 'ms' });
    report(results, { name: 'forget: bytes of log rewritten by that erasure', value: erasure.bytes, unit: 'bytes' });
    report(results, { name: 'forget: longest single append during the erasure, ms', value: Math.round(longest), unit: 'ms' });
    report(results, { name: 'forget: appends completed during the erasure', value: appends, unit: 'appends' });
  } finally {
    await store.close();
  }
  await runRetentionBench(join(dataDir, 'retention'), results);
}

/**
 * Retention of one sealed segment (8 MiB segments, 200,000 events) while a writer appends one event at a time
 * (fsync): the time it takes and the longest append beside it.
 */
async function runRetentionBench(dataDir: string, results: BenchFigure[]): Promise<void> {
  const store = await openStore({ dataDir, segmentBytes: 8 * 1024 * 1024 });
  try {
    for (let i = 0; i < 200_000; i += 1000) {
      await store.appendBatch(Array.from({ length: 1000 }, (_, j) => ({ stream: `acct-${(i + j) % 10_000}`, events: [{ type: 'deposit', data: { amount: j, pad: 'x'.repeat(50) } }] })));
    }
    await store.views.idle();
    let appending = true;
    let longest = 0;
    const appender = (async () => {
      while (appending) {
        const started = process.hrtime.bigint();
        await store.append('bench-retention-writer', { type: 'tick', data: {} });
        longest = Math.max(longest, ms(started));
      }
    })();
    const t = process.hrtime.bigint();
    // Keep everything but the first segment: exactly one sealed segment goes.
    const report1 = await store.applyRetention({ maxBytes: store.log.end - 8 * 1024 * 1024 - 1 });
    const took = ms(t);
    appending = false;
    await appender;
    report(results, { name: `forget: retention of ${report1.segments} sealed 8 MiB segment(s), ms`, value: Math.round(took), unit: 'ms' });
    report(results, { name: 'forget: longest single append during the retention, ms', value: Math.round(longest), unit: 'ms' });
  } finally {
    await store.close();
  }
}

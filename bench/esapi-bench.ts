// Event-store API benchmark: the cost of the duplicate check (appends with ids, and retries of them), consumer-group
// delivery with acks, and a filtered tail (NDJSON over HTTP, 1% of records matching). In process, durability `none`
// so the figures show the work of these features rather than the disk.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { openStore } from '../store/open-store.js';
import { buildApp } from '../server/build-app.js';
import type { NewEvent } from '../core/log/event-log.js';
import { report, type BenchFigure } from './bench-results.js';

const EVENTS = Number(process.env.SLUICE_BENCH_ESAPI_EVENTS ?? 200_000);
const BATCH = 100;

function batches(withIds: boolean): NewEvent[][] {
  return Array.from({ length: EVENTS / BATCH }, (_, b) => Array.from({ length: BATCH }, (_, i) => ({
    type: (b * BATCH + i) % 100 === 0 ? 'Rare' : 'Common', data: { n: b * BATCH + i, payload: 'x'.repeat(100) }, ...(withIds ? { id: randomUUID() } : {}),
  })));
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

export async function runEsapiBench(dataDir: string, results: BenchFigure[]): Promise<void> {
  const store = await openStore({ dataDir: join(dataDir, 'esapi'), fsync: 'none' });
  try {
    const plain = batches(false);
    const ided = batches(true);
    const plainS = await timed(async () => { for (const [i, events] of plain.entries()) await store.append(`p-${i % 50}`, events); });
    report(results, { name: `esapi: appends without ids (${BATCH}/batch), events/s`, value: Math.round(EVENTS / plainS), unit: 'events/s' });
    const idS = await timed(async () => { for (const [i, events] of ided.entries()) await store.append(`i-${i % 50}`, events); });
    report(results, { name: `esapi: appends with ids (${BATCH}/batch), events/s`, value: Math.round(EVENTS / idS), unit: 'events/s' });
    let lastOffset = 0;
    const retryS = await timed(async () => { for (const [i, events] of ided.entries()) lastOffset = (await store.append(`i-${i % 50}`, events)).lastOffset; });
    report(results, { name: 'esapi: retried appends answered from the id index, events/s', value: Math.round(EVENTS / retryS), unit: 'events/s' });

    // The views index the appends in this process too: let them finish so they do not share the next figures.
    for (const view of store.views.status()) await store.views.waitFor(view.name, lastOffset, 600_000);
    await store.groups.create({ name: 'bench', filter: { category: 'i-' } });
    let delivered = 0;
    const groupS = await timed(async () => {
      for (;;) {
        const got = await store.groups.read('bench', { limit: 500 });
        // A read scans a bounded slice of log and may answer nothing before the group's first match: done only at the end.
        if (got.length === 0) {
          if (store.groups.info('bench').lagBytes === 0) return;
          continue;
        }
        delivered += got.length;
        await store.groups.ack('bench', got.map((d) => d.record.offset));
      }
    });
    report(results, { name: 'esapi: consumer group delivery with acks (500/read), records/s', value: Math.round(delivered / groupS), unit: 'records/s' });

    const app = buildApp({ store, config: { logLevel: 'silent', limits: { maxEventLoopDelayMs: 0, rateLimitMax: 0 } } });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    try {
      let matched = 0;
      const total = 2 * EVENTS;
      const tailS = await timed(async () => {
        const res = await fetch(`${url}/log?type=Rare`, { headers: { accept: 'application/x-ndjson' } });
        const text = await res.text();
        matched = text.split('\n').filter((l) => l.startsWith('{"offset"')).length;
      });
      report(results, { name: 'esapi: filtered NDJSON read (1% match), records scanned/s', value: Math.round(total / tailS), unit: 'records/s' });
      const fullS = await timed(async () => { await (await fetch(`${url}/log`, { headers: { accept: 'application/x-ndjson' } })).text(); });
      report(results, { name: 'esapi: the same read unfiltered (for comparison), records/s', value: Math.round(total / fullS), unit: 'records/s' });
      if (matched !== total / 100) throw new Error(`filtered read matched ${matched}, expected ${total / 100}`);
    } finally {
      await app.close();
    }
  } finally {
    await store.close();
  }
}

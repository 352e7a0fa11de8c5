// One views benchmark stage in a fresh process (so peak RSS is the stage's own), printing its figures as JSON.
// Usage: node views-bench-child.js <dataDir> <stage>   stages: rebuild-all | rebuild-account | live | live-worker | query
import { silentLogger } from '../core/logger.js';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openFileLog } from '../core/log/file-log.js';
import { openStore } from '../store/open-store.js';
import { SluiceViewEngine } from '../core/view-engine/view-engine.js';
import { ViewStore } from '../core/view-engine/view-store.js';
import type { BenchFigure } from './bench-results.js';
import accountViews from './account-views-plugin.js';

const [dataDir, stage] = process.argv.slice(2) as [string, string];

/** SLUICE_BENCH_VIEW_BATCH=<records> tries another batch size (the default is the engine's). */
function batchOverride(): { records: number; bytes: number } | undefined {
  const records = Number(process.env.SLUICE_BENCH_VIEW_BATCH);
  return records > 0 ? { records, bytes: 1 << 30 } : undefined;
}
const figures: BenchFigure[] = [];
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (since: bigint): number => Number(process.hrtime.bigint() - since) / 1e9;

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function rebuildAll(): Promise<void> {
  rmSync(join(dataDir, 'views'), { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const store = await openStore({ dataDir, plugins: [accountViews], viewBatch: batchOverride() });
  await store.views.idle();
  const s = seconds(started);
  const records = store.views.storagesOf('accounts').serving!.meta.records;
  const rows = store.views.list().reduce((sum, { name }) => sum + (store.views.statusOf(name).rows ?? 0), 0);
  figures.push({ name: 'views: rebuild of 5 views (streams, types, tags, accounts, balances), records/s', value: Math.round(records / s), unit: 'records/s' });
  figures.push({ name: 'views: rebuild of 5 views, rows stored/s', value: Math.round(rows / s), unit: 'rows/s' });
  figures.push({ name: 'views: rebuild of 5 views, peak RSS', value: peakRssMb(), unit: 'MB' });
  await store.close();
}

async function rebuildAccount(): Promise<void> {
  const dir = join(dataDir, 'views-account-only');
  rmSync(dir, { recursive: true, force: true });
  const log = await openFileLog({ dir: join(dataDir, 'log'), readOnly: true });
  const viewStore = ViewStore.open(dir, { writer: true });
  const engine = new SluiceViewEngine(log, viewStore, silentLogger, { batch: batchOverride() });
  const started = process.hrtime.bigint();
  engine.open([accountViews.views.find((v) => 'name' in v && v.name === 'accounts')!] as never);
  await engine.idle();
  const s = seconds(started);
  const { records, rows } = engine.storagesOf('accounts').serving!.meta;
  figures.push({ name: 'views: rebuild of the account index alone, records/s', value: Math.round(records / s), unit: 'records/s' });
  figures.push({ name: 'views: rebuild of the account index alone, rows stored/s', value: Math.round((rows ?? 0) / s), unit: 'rows/s' });
  figures.push({ name: 'views: rebuild of the account index alone, peak RSS', value: peakRssMb(), unit: 'MB' });
  await engine.close();
  await viewStore.close();
  await log.close();
  rmSync(dir, { recursive: true, force: true });
}

/** Live indexing; `worker`: the views apply on the round worker thread, as in the server. */
async function live(worker = false): Promise<void> {
  const plugins = worker ? [fileURLToPath(new URL('./account-views-plugin.js', import.meta.url))] : [accountViews];
  const store = await openStore({ dataDir, plugins, fsync: 'batch', viewWorker: worker });
  const where = worker ? ', views on the round worker' : '';
  await store.views.idle();
  const appenders = 16;
  const durationMs = 5000;
  const lags: number[] = [];
  let maxLagBytes = 0;
  const sampler = setInterval(() => {
    for (const status of store.views.status()) maxLagBytes = Math.max(maxLagBytes, status.lagBytes);
  }, 20);
  const loopDelay = monitorEventLoopDelay({ resolution: 1 });
  loopDelay.enable();
  const until = Date.now() + durationMs;
  let appended = 0;
  await Promise.all(Array.from({ length: appenders }, async (_, a) => {
    for (let i = 0; Date.now() < until; i++) {
      const account = `acct-${(a * 7919 + i) % 10_000}`;
      const { lastOffset } = await store.append(account, { type: 'deposit', data: { type: 'deposit', account, amount: i % 1000 } });
      const t = process.hrtime.bigint();
      await store.views.waitFor('accounts', lastOffset, 10_000);
      lags.push(Number(process.hrtime.bigint() - t) / 1e6);
      appended++;
    }
  }));
  clearInterval(sampler);
  loopDelay.disable();
  lags.sort((x, y) => x - y);
  figures.push({ name: `views: live indexing under ${appenders} appenders (batch fsync${where}), appends/s`, value: Math.round(appended / (durationMs / 1000)), unit: 'appends/s' });
  figures.push({ name: `views: live lag from append to indexed (5 views${where}), p50`, value: percentile(lags, 50), unit: 'ms' });
  figures.push({ name: `views: live lag from append to indexed (5 views${where}), p99`, value: percentile(lags, 99), unit: 'ms' });
  figures.push({ name: `views: live lag, largest lagBytes seen${where}`, value: maxLagBytes, unit: 'bytes' });
  figures.push({ name: `views: event-loop delay under live indexing${where}, p99`, value: loopDelay.percentile(99) / 1e6, unit: 'ms' });
  await store.close();
}

async function query(): Promise<void> {
  const store = await openStore({ dataDir, plugins: [accountViews], readOnly: true });
  const times: number[] = [];
  let returned = 0;
  for (let i = 0; i < 2000; i++) {
    const account = `acct-${(i * 7919) % 10_000}`;
    const t = process.hrtime.bigint();
    const page = (await store.views.query('accounts', 'records', { account, limit: 1000 })) as { records: unknown[] };
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    returned += page.records.length;
  }
  times.sort((x, y) => x - y);
  figures.push({ name: `views: index query, one account's records (~${Math.round(returned / 2000)}), p50`, value: percentile(times, 50), unit: 'ms' });
  figures.push({ name: 'views: index query, p99', value: percentile(times, 99), unit: 'ms' });
  await store.close();
}

const stages: Record<string, () => Promise<void>> = { 'rebuild-all': rebuildAll, 'rebuild-account': rebuildAccount, live: () => live(false), 'live-worker': () => live(true), query };
await stages[stage]!();
process.stdout.write(JSON.stringify(figures) + '\n');

// HTTP benchmark: the real server as a child process (default fsync mode) on 127.0.0.1, loaded by autocannon from
// this process. Single-event and 100-event appends (against a no-op Fastify route, and with the views inline for
// comparison), then reads: JSON pages, NDJSON and binary streams.
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import autocannon, { type AutocannonOptions, type AutocannonResult } from 'autocannon';
import { report, type BenchFigure } from './bench-results.js';
import { MAIN, peakRssOf, percentile, startServer, stop, type Server } from './server-child.js';
import { pacedLoad } from './paced-load.js';
import { pairedRounds, type Measured } from './paired-rounds.js';
import { cpuBoundRate, cpuPerRequest, type CpuPerRequest } from './process-cpu.js';
import { latencyBoundRatio, syncRoundTripMs } from './sync-latency.js';

/** Connections of every load (the load generator's closed loop). */
const CONNECTIONS = 10;
const NOOP = fileURLToPath(new URL('./noop-server.js', import.meta.url));
const SECONDS = Number(process.env.SLUICE_BENCH_HTTP_SECONDS ?? 10);
/** Rounds of the append loads, each side loaded in turn; each round's load lasts half of SECONDS. */
const ROUNDS = Number(process.env.SLUICE_BENCH_HTTP_ROUNDS ?? 3);
const ROUND_SECONDS = Math.max(2, Math.round(SECONDS / 2));
const STREAM_RECORDS = 100_000;

const LIVE_RATE = Number(process.env.SLUICE_BENCH_LIVE_RECORDS ?? 50_000);

/**
 * Live indexing: 100-event batches at a steady LIVE_RATE records/s (paced-load.ts, on a thread of its own), and beside
 * them a probe that appends one event and asks the `streams` view for it with `after=` its offset, timing
 * append-acknowledged to queryable.
 */
async function liveIndexing(url: string): Promise<{ records: number; p50: number; p99: number; probes: number }> {
  const loading = pacedLoad({ url: `${url}/streams/live`, recordsPerSecond: LIVE_RATE, seconds: SECONDS });
  const lags: number[] = [];
  let done = false;
  void loading.finally(() => { done = true; });
  while (!done) {
    const res = await fetch(`${url}/streams/probe`, { method: 'POST', headers: json, body: event });
    const { lastOffset } = (await res.json()) as { lastOffset: number };
    const acked = performance.now();
    const answer = await fetch(`${url}/views/streams/get?stream=probe&after=${lastOffset}`);
    if (answer.status !== 200) throw new Error(`live probe: the view answered ${answer.status}`);
    await answer.arrayBuffer();
    lags.push(performance.now() - acked);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const records = await loading;
  lags.sort((a, b) => a - b);
  return { records, p50: percentile(lags, 50), p99: percentile(lags, 99), probes: lags.length };
}

function reportLive(results: BenchFigure[], live: Awaited<ReturnType<typeof liveIndexing>>, where: string): void {
  report(results, { name: `http: live indexing${where}, 100-event batches paced at ${LIVE_RATE} records/s, records/s appended`, value: Math.round(live.records), unit: 'records/s' });
  report(results, { name: `http: live indexing${where}, append acknowledged to queryable (${live.probes} probes), p50`, value: Math.round(live.p50 * 100) / 100, unit: 'ms' });
  report(results, { name: `http: live indexing${where}, append acknowledged to queryable, p99 (target < 10 ms)`, value: Math.round(live.p99 * 100) / 100, unit: 'ms' });
}

/** The same appends with the views applied on the request thread (views.worker off): what the round worker changes. */
async function runInlineViews(dataDir: string, results: BenchFigure[]): Promise<{ single: number; batchRecords: number }> {
  const { child, url } = await startServer(join(dataDir, 'http-inline'), MAIN, { SLUICE_VIEWS_WORKER: '0' });
  try {
    const single = await load({ url: `${url}/streams/acct-1`, method: 'POST', headers: json, body: event });
    const batches = await load({ url: `${url}/streams/batched`, method: 'POST', headers: json, body: batch });
    await viewsCaughtUp(url);
    reportLive(results, await liveIndexing(url), ', views inline');
    return { single: single.requests.average, batchRecords: batches.requests.average * 100 };
  } finally {
    await stop(child);
  }
}

async function load(options: AutocannonOptions): Promise<AutocannonResult> {
  const result = await autocannon({ connections: CONNECTIONS, duration: SECONDS, timeout: 30, ...options });
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
    throw new Error(`${options.method ?? 'GET'} ${options.url}: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`);
  }
  return result;
}

/** `load`, with the CPU the server's threads and this process spent per request meanwhile. */
function measuredLoad(child: ChildProcess, options: AutocannonOptions): Promise<{ result: AutocannonResult; cpu: CpuPerRequest }> {
  return cpuPerRequest(child.pid!, () => load(options), (result) => result.requests.total);
}

/**
 * Where a CPU-bound stage's ceiling lies on this machine: the CPU per request of the server's main thread, its other
 * threads and the load generator, and the ratio to the no-op route that CPU allows at most (cpu-bound-rate / no-op).
 */
function reportCpu(results: BenchFigure[], what: string, cpu: CpuPerRequest, per: number): void {
  const us = (v: number): number => Math.round((v / per) * 100) / 100;
  report(results, { name: `http cpu: ${what}, server main thread per record`, value: us(cpu.serverMainUs), unit: 'µs' });
  report(results, { name: `http cpu: ${what}, server's other threads (views, fs pool, V8) per record`, value: us(cpu.serverOthersUs), unit: 'µs' });
  report(results, { name: `http cpu: ${what}, load generator per record`, value: us(cpu.loaderUs), unit: 'µs' });
}

function elapsedSeconds(result: AutocannonResult): number {
  return (result.finish.getTime() - result.start.getTime()) / 1000;
}

/** Waits until every view has applied the whole log, so read figures are not shared with indexing. */
async function viewsCaughtUp(url: string): Promise<void> {
  for (;;) {
    const { views } = (await (await fetch(`${url}/views`)).json()) as { views: Array<{ lagBytes: number; state: string }> };
    if (views.every((v) => v.lagBytes === 0 && v.state === 'ready')) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const json = { 'content-type': 'application/json' };
const event = JSON.stringify({ type: 'deposit', data: { account: 'acct-1', amount: 5 } });
const batch = JSON.stringify({ events: Array.from({ length: 100 }, (_, i) => ({ type: 'deposit', data: { account: `acct-${i}`, amount: i } })) });

/** A measured load of `path` with `body`, `per` records per request. */
async function appendLoad(server: Server, path: string, body: string, per: number): Promise<Measured> {
  const { result, cpu } = await measuredLoad(server.child, { url: `${server.url}${path}`, method: 'POST', headers: json, body, duration: ROUND_SECONDS });
  return { rate: result.requests.average * per, p99: result.latency.p99, cpu };
}

export async function runHttpBench(dataDir: string, results: BenchFigure[]): Promise<void> {
  const inline = await runInlineViews(dataDir, results);
  report(results, { name: 'http: single-event appends, views inline (views.worker off), req/s', value: Math.round(inline.single), unit: 'req/s' });
  report(results, { name: 'http: 100-event batch appends, views inline (views.worker off), records/s', value: Math.round(inline.batchRecords), unit: 'records/s' });
  // The reference: a Fastify route that parses the same bodies and answers the same shape, storing nothing, started
  // the same way (a child process, the same connections), loaded in turn with Sluice (paired-rounds.ts).
  const noop = await startServer(join(dataDir, 'noop'), NOOP);
  const sluice = await startServer(join(dataDir, 'http'));
  const { child, url } = sluice;
  try {
    const single = await pairedRounds(ROUNDS, () => appendLoad(noop, '/streams/acct-1', event, 1), () => appendLoad(sluice, '/streams/acct-1', event, 1));
    const batches = await pairedRounds(ROUNDS, () => appendLoad(noop, '/streams/batched', batch, 100), () => appendLoad(sluice, '/streams/batched', batch, 100));
    await stop(noop.child);
    const rounds = `median of ${ROUNDS} rounds of ${ROUND_SECONDS} s, in turn with the other side`;
    report(results, { name: `http reference: no-op Fastify route, single-event posts, req/s (${rounds})`, value: Math.round(single.reference.rate), unit: 'req/s' });
    report(results, { name: 'http reference: no-op Fastify route, 100-event posts, records/s', value: Math.round(batches.reference.rate), unit: 'records/s' });
    report(results, { name: `http: single-event appends (${CONNECTIONS} connections, fsync), req/s (${rounds})`, value: Math.round(single.subject.rate), unit: 'req/s' });
    report(results, { name: 'http: single-event appends, p99 latency', value: single.subject.p99, unit: 'ms' });
    report(results, { name: `http: 100-event batch appends (${CONNECTIONS} connections, fsync), records/s`, value: Math.round(batches.subject.rate), unit: 'records/s' });
    report(results, { name: 'http: 100-event batch appends, p99 latency', value: batches.subject.p99, unit: 'ms' });
    const ratio = (of: number, to: number): number => Math.round((of / to) * 100) / 100;
    report(results, { name: 'ratio: single-event appends / no-op route (target ≥ 0.6x; median of the rounds\' ratios)', value: ratio(single.ratio, 1), unit: 'x' });
    report(results, { name: 'ratio: 100-event batch records/s / no-op route (target ≥ 0.5x; median of the rounds\' ratios)', value: ratio(batches.ratio, 1), unit: 'x' });
    reportCpu(results, 'no-op route, single-event posts', single.reference.cpu, 1);
    reportCpu(results, 'single-event appends', single.subject.cpu, 1);
    reportCpu(results, 'no-op route, 100-event posts', batches.reference.cpu, 100);
    reportCpu(results, '100-event batch appends', batches.subject.cpu, 100);
    const cores = availableParallelism();
    report(results, { name: `ratio ceiling, CPU-bound on ${cores} cores: single-event appends / no-op route`, value: ratio(cpuBoundRate(single.subject.cpu, cores), single.reference.rate), unit: 'x' });
    report(results, { name: `ratio ceiling, CPU-bound on ${cores} cores: 100-event batches / no-op route`, value: ratio(cpuBoundRate(batches.subject.cpu, cores) * 100, batches.reference.rate), unit: 'x' });
    const syncMs = syncRoundTripMs(dataDir);
    report(results, { name: 'http: this disk\'s write + fdatasync round trip, one at a time', value: Math.round(syncMs * 1000) / 1000, unit: 'ms' });
    report(results, { name: `ratio ceiling, latency-bound (${CONNECTIONS} connections, each append waits for one fdatasync): single-event appends / no-op route`, value: ratio(latencyBoundRatio(single.reference.rate, CONNECTIONS, syncMs), 1), unit: 'x' });
    report(results, { name: 'http: server peak RSS during the appends', value: peakRssOf(child), unit: 'MB' });
    report(results, { name: 'ratio: single-event appends, round worker / views inline', value: ratio(single.subject.rate, inline.single), unit: 'x' });
    report(results, { name: 'ratio: 100-event batch records/s, round worker / views inline', value: ratio(batches.subject.rate, inline.batchRecords), unit: 'x' });

    await viewsCaughtUp(url);
    const pages = await load({ url: `${url}/log?from=0&limit=1000`, headers: { accept: 'application/json' } });
    report(results, { name: 'http: server peak RSS after the views caught up', value: peakRssOf(child), unit: 'MB' });
    reportLive(results, await liveIndexing(url), '');
    report(results, { name: 'http: server peak RSS after live indexing', value: peakRssOf(child), unit: 'MB' });
    await viewsCaughtUp(url);
    report(results, { name: 'http: GET /log JSON pages of 1000 (10 connections), req/s', value: Math.round(pages.requests.average), unit: 'req/s' });
    report(results, { name: 'http: GET /log JSON pages, records/s', value: Math.round(pages.requests.average * 1000), unit: 'records/s' });
    report(results, { name: 'http: GET /log JSON pages, p99 latency', value: pages.latency.p99, unit: 'ms' });

    for (const [name, accept] of [['NDJSON', 'application/x-ndjson'], ['binary', 'application/octet-stream']] as const) {
      const amount = Math.max(4, Math.round(SECONDS * 4));
      const read = await load({ url: `${url}/log?from=0&limit=${STREAM_RECORDS}`, headers: { accept }, connections: 2, amount });
      report(results, { name: `http: GET /log ${name} stream (${STREAM_RECORDS} records/request, 2 connections), records/s`, value: Math.round((amount * STREAM_RECORDS) / elapsedSeconds(read)), unit: 'records/s' });
      report(results, { name: `http: GET /log ${name} stream, MB/s`, value: read.throughput.total / 2 ** 20 / elapsedSeconds(read), unit: 'MB/s' });
    }
  } finally {
    await stop(noop.child);
    await stop(child);
  }
}

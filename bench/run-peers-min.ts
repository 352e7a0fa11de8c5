// The peers' log tasks in one process, each repeated, keeping the fastest run of each: on a machine shared with
// other jobs the minimum moves far less than a median of fresh processes (the figure is the task's own cost, not
// the neighbours'). Usage: node dist/bench/run-peers-min.js [dir] (default: /dev/shm when present, so the disk
// is out of the comparison); SLUICE_BENCH_EVENTS (default 100,000), SLUICE_BENCH_RUNS (default 7).
// Writes bench/results/peers-min-<date>.json with the load average.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { report, writeResults, type BenchFigure } from './bench-results.js';
import { flumelogOffsetAppend } from './peers/flume-peers.js';
import { plainAppend, plainFramesRead, plainScan } from './peers/plain-node.js';
import { sluiceAppend, sluiceFramesRead, sluiceScan } from './peers/sluice-side.js';

const EVENTS = Number(process.env.SLUICE_BENCH_EVENTS ?? 100_000);
const RUNS = Number(process.env.SLUICE_BENCH_RUNS ?? 7);
const base = process.argv[2] ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
const dir = mkdtempSync(join(base, 'sluice-peers-min-'));
const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');

type Task = (dir: string) => unknown;
const appends: Record<string, Task> = {
  'plain append': (d) => plainAppend(join(d, 'plain.log'), EVENTS),
  'flumelog-offset append': (d) => flumelogOffsetAppend(join(d, 'log.offset'), EVENTS),
  'sluice append none+sync': (d) => sluiceAppend(join(d, 'sluice'), EVENTS, 'none'),
};
const reads: Record<string, Task> = {
  'plain scan': (d) => plainScan(join(d, 'plain.log')),
  'sluice scan': (d) => sluiceScan(join(d, 'sluice')),
  'plain frames': (d) => plainFramesRead(join(d, 'plain.log')),
  'sluice frames': (d) => sluiceFramesRead(join(d, 'sluice')),
};

const fastest = new Map<string, number>();
async function time(name: string, task: Task, at: string): Promise<void> {
  const started = process.hrtime.bigint();
  await task(at);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  fastest.set(name, Math.min(fastest.get(name) ?? Infinity, ms));
}

const before = load();
console.log(`peers, fastest of ${RUNS} runs in one process, ${EVENTS} events, in ${base}; load average ${before}`);
try {
  for (let run = 0; run < RUNS; run++) {
    const at = join(dir, String(run));
    mkdirSync(at);
    for (const [name, task] of Object.entries(appends)) await time(name, task, at);
    for (const [name, task] of Object.entries(reads)) await time(name, task, at);
    rmSync(at, { recursive: true, force: true });
  }
  const results: BenchFigure[] = [];
  const rate = (name: string): number => Math.round(EVENTS / fastest.get(name)! * 1000);
  for (const name of fastest.keys()) report(results, { name: `peers (fastest run): ${name}`, value: rate(name), unit: 'records/s' });
  const ratio = (name: string, of: string, to: string, target: number): void =>
    report(results, { name: `ratio (fastest runs): ${name} (target ≥ ${target}x)`, value: Math.round(rate(of) / rate(to) * 100) / 100, unit: 'x' });
  ratio('sluice append / flumelog-offset', 'sluice append none+sync', 'flumelog-offset append', 1.3);
  ratio('sluice append / plain Node', 'sluice append none+sync', 'plain append', 0.8);
  ratio('sluice scan / plain JSON.parse scan', 'sluice scan', 'plain scan', 0.8);
  ratio('sluice frames-only / plain frames-only', 'sluice frames', 'plain frames', 0.8);
  const after = load();
  console.log(`load average at the end ${after}`);
  console.log(`results written to ${writeResults(join(process.cwd(), 'bench', 'results'), results, 'peers-min', `${before} -> ${after}`)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

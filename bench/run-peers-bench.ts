// The peers stage alone: `node dist/bench/run-peers-bench.js` (SLUICE_BENCH_EVENTS, SLUICE_BENCH_RUNS apply).
// Figures go to bench/results/peers-<date>.json with the load average before and after the run.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineDescription, writeResults, type BenchFigure } from './bench-results.js';
import { runPeersBench } from './peers-bench.js';

const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
const dir = mkdtempSync(join(tmpdir(), 'sluice-peers-'));
const results: BenchFigure[] = [];
const before = load();
console.log(`Sluice beside its peers on ${machineDescription()}; load average ${before}`);
try {
  await runPeersBench(dir, results);
  const after = load();
  console.log(`load average at the end ${after}`);
  console.log(`results written to ${writeResults(join(process.cwd(), 'bench', 'results'), results, 'peers', `${before} -> ${after}`)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

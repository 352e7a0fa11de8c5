// The peers stage alone: `node dist/bench/run-peers-bench.js` (SLUICE_BENCH_EVENTS, SLUICE_BENCH_RUNS apply).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineDescription, type BenchFigure } from './bench-results.js';
import { runPeersBench } from './peers-bench.js';

const dir = mkdtempSync(join(tmpdir(), 'sluice-peers-'));
const results: BenchFigure[] = [];
console.log(`Sluice beside its peers on ${machineDescription()}`);
try {
  await runPeersBench(dir, results);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

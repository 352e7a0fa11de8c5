// `node dist/bench/run-http-bench.js`: the HTTP stage alone (the no-op reference, then Sluice) on a fresh data
// directory; `SLUICE_BENCH_HTTP_SECONDS` sets the length of each load. Writes `bench/results/http-<date>.json`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResults, type BenchFigure } from './bench-results.js';
import { runHttpBench } from './http-bench.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sluice-http-bench-'));
const results: BenchFigure[] = [];
const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
try {
  await runHttpBench(dataDir, results);
  const load = `${loadBefore} -> ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
  console.log(`results: ${writeResults(fileURLToPath(new URL('../../bench/results', import.meta.url)), results, 'http', load)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

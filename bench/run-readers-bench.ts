// `node dist/bench/run-readers-bench.js`: the readers-beside-writers stage alone, on fresh data directories.
// Writes `bench/results/readers-<date>.json`.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResults, type BenchFigure } from './bench-results.js';
import { runReadersBench } from './readers-bench.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sluice-readers-bench-'));
const results: BenchFigure[] = [];
const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
try {
  await runReadersBench(dataDir, results);
  const load = `${loadBefore} -> ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
  console.log(`results: ${writeResults(fileURLToPath(new URL('../../bench/results', import.meta.url)), results, 'readers', load)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

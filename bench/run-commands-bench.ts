// `node dist/bench/run-commands-bench.js`: the commands stage alone (SLUICE_BENCH_STREAM_EVENTS sets the stream's length).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure } from './bench-results.js';
import { runCommandsBench } from './commands-bench.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sluice-commands-bench-'));
try {
  const results: BenchFigure[] = [];
  await runCommandsBench(dataDir, results);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

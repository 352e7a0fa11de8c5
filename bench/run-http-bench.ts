// `node dist/bench/run-http-bench.js`: the HTTP stage alone (the no-op reference, then Sluice) on a fresh data
// directory; `SLUICE_BENCH_HTTP_SECONDS` sets the length of each load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure } from './bench-results.js';
import { runHttpBench } from './http-bench.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sluice-http-bench-'));
try {
  await runHttpBench(dataDir, [] as BenchFigure[]);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

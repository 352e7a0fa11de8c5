// One stage of `npm run bench` run alone on a fresh data directory: its figures written to
// `bench/results/<prefix>-<date>.json` with the load average at its start and end.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeResults, type BenchFigure } from './bench-results.js';

export type BenchStage = (dataDir: string, results: BenchFigure[]) => Promise<void>;

export async function runStageAlone(prefix: string, stage: BenchStage): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), `sluice-${prefix}-bench-`));
  const results: BenchFigure[] = [];
  const load = (): string => loadavg().map((l) => l.toFixed(2)).join(' ');
  const before = load();
  try {
    await stage(dataDir, results);
    console.log(`results: ${writeResults(fileURLToPath(new URL('../../bench/results', import.meta.url)), results, prefix, `${before} -> ${load()}`)}`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Views benchmarks on the shared 1,000,000-event log, each stage in its own process (peak RSS is per stage):
// rebuild of the five views (three first-party + account index + balances) and of the account index alone,
// live indexing lag under sustained appends, and an index query returning one account's ~100 records.
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report, type BenchFigure } from './bench-results.js';

const CHILD = join(dirname(fileURLToPath(import.meta.url)), 'views-bench-child.js');

function runStage(dataDir: string, stage: string): Promise<BenchFigure[]> {
  const child = spawn(process.execPath, [CHILD, dataDir, stage], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
  child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
  return new Promise((resolve, reject) => {
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`views bench stage ${stage} exited ${code}: ${stderr.slice(-2000)}`));
      else resolve(JSON.parse(stdout.trim().split('\n').pop()!) as BenchFigure[]);
    });
  });
}

export async function runViewsBench(dataDir: string, results: BenchFigure[]): Promise<void> {
  for (const stage of ['rebuild-account', 'rebuild-all', 'query', 'live', 'live-worker']) {
    for (const figure of await runStage(dataDir, stage)) report(results, figure);
  }
}

// `npm run bench`: every benchmark on one 1,000,000-event log; figures printed and saved under bench/results/.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { machineDescription, peakRssMb, report, writeResults, type BenchFigure } from './bench-results.js';
import { runLogBench } from './log-bench.js';
import { runPeersBench } from './peers-bench.js';

const EVENTS = Number(process.env.SLUICE_BENCH_EVENTS ?? 1_000_000);

/** Five views rebuilt together against the account index alone (target: at least half its rate). */
function reportViewRatios(results: BenchFigure[]): void {
  const find = (part: string): number | undefined => results.find((r) => r.name.includes(part))?.value;
  const five = find('rebuild of 5 views (');
  const alone = find('rebuild of the account index alone, records/s');
  if (five !== undefined && alone !== undefined) {
    report(results, { name: 'ratio: five-view rebuild / account index alone (target ≥ 0.5x)', value: Math.round((five / alone) * 100) / 100, unit: 'x' });
  }
  const fiveRows = find('rebuild of 5 views, rows stored/s');
  const aloneRows = find('rebuild of the account index alone, rows stored/s');
  if (fiveRows !== undefined && aloneRows !== undefined) {
    report(results, { name: 'ratio: five-view rebuild / account index alone, rows stored/s', value: Math.round((fiveRows / aloneRows) * 100) / 100, unit: 'x' });
  }
}

type Stage = (dataDir: string, results: BenchFigure[]) => Promise<void>;

/** Optional stages live in their own modules; a stage whose module is absent is skipped with a note. */
async function optionalStage(module: string, exportName: string): Promise<Stage | undefined> {
  try {
    const loaded = (await import(module)) as Record<string, Stage>;
    return loaded[exportName];
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') return undefined;
    throw err;
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'sluice-bench-'));
const results: BenchFigure[] = [];
console.log(`Sluice benchmarks on ${machineDescription()}; ${EVENTS} events; data in ${dataDir}`);
try {
  await runLogBench(dataDir, EVENTS, results);
  report(results, { name: 'log: peak RSS so far', value: peakRssMb(), unit: 'MB' });
  // forget-bench runs last: it erases records of the shared log.
  for (const [module, name] of [['./views-bench.js', 'runViewsBench'], ['./cli-bench.js', 'runCliBench'], ['./http-bench.js', 'runHttpBench'], ['./readers-bench.js', 'runReadersBench'], ['./esapi-bench.js', 'runEsapiBench'], ['./commands-bench.js', 'runCommandsBench'], ['./cluster-bench.js', 'runClusterBench'], ['./forget-bench.js', 'runForgetBench']] as const) {
    const stage = await optionalStage(module, name);
    if (stage) await stage(dataDir, results);
    else console.log(`  (${module} not present; skipped)`);
  }
  reportViewRatios(results);
  // The peers build logs of their own beside the shared one (the same workload), so they run last.
  await runPeersBench(dataDir, results, EVENTS);
  report(results, { name: 'bench process: peak RSS', value: peakRssMb(), unit: 'MB' });
  console.log(`results written to ${writeResults(join(process.cwd(), 'bench', 'results'), results)}`);
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}

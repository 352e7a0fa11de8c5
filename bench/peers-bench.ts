// The peers inside `npm run bench`: the same 1M-event workload through the plain Node baseline, flumelog-offset,
// async-append-only-log and flumeview-level, and through Sluice, each task in a fresh process, 3 runs, medians.
// Every Sluice figure is printed with its ratio to each reference, under the durability contract named in its row.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report, type BenchFigure } from './bench-results.js';
import { median } from './paired-rounds.js';

const CHILD = fileURLToPath(new URL('./peers/peer-child.js', import.meta.url));
const VIEWS_CHILD = fileURLToPath(new URL('./views-bench-child.js', import.meta.url));
const RUNS = Number(process.env.SLUICE_BENCH_RUNS ?? 3);

interface TaskResult { seconds: number; records: number; bytes: number; rssMb: number }

function runTask(task: string, path: string, events: number): TaskResult {
  return JSON.parse(execFileSync(process.execPath, [CHILD, task, path, String(events)], { encoding: 'utf8' }).trim().split('\n').pop()!) as TaskResult;
}

/**
 * A views rebuild over the Sluice log in `dataDir` (`rebuild-account` or `rebuild-all`), through the views benchmark's
 * own child: records/s, and rows stored/s (every row the rebuilt views hold, over the same time).
 */
function sluiceRebuild(dataDir: string, stage: 'rebuild-account' | 'rebuild-all'): { records: number; rows: number } {
  const out = execFileSync(process.execPath, [VIEWS_CHILD, dataDir, stage], { encoding: 'utf8' });
  const figures = JSON.parse(out.trim().split('\n').pop()!) as BenchFigure[];
  const rate = (unit: string): number => figures.find((f) => f.unit === unit)!.value;
  return { records: rate('records/s'), rows: rate('rows/s') };
}

export async function runPeersBench(baseDir: string, results: BenchFigure[], events = Number(process.env.SLUICE_BENCH_EVENTS ?? 1_000_000)): Promise<void> {
  console.log(`peers: ${events} events per task, ${RUNS} runs each, medians`);
  const rates = new Map<string, number[]>();
  const rss = new Map<string, number>();
  const record = (name: string, r: TaskResult): void => {
    rates.set(name, [...(rates.get(name) ?? []), r.records / r.seconds]);
    rss.set(name, Math.max(rss.get(name) ?? 0, r.rssMb));
  };
  for (let run = 0; run < RUNS; run++) {
    const dir = join(baseDir, `peers-${run}`);
    mkdirSync(dir, { recursive: true });
    try {
      for (const [name, task, path] of [
        ['plain append', 'plain-append', 'plain.log'], ['plain scan', 'plain-scan', 'plain.log'], ['plain frames', 'plain-frames', 'plain.log'],
        ['flumelog-offset append', 'flumelog-append', 'flume/log.offset'], ['flumelog-offset scan', 'flumelog-scan', 'flume/log.offset'],
        ['flumeview-level rebuild', 'flumeview-level-rebuild', 'flume/log.offset'],
        ['aaol append', 'aaol-append', 'aaol.log'], ['aaol scan', 'aaol-scan', 'aaol.log'],
        ['sluice append none+sync', 'sluice-append-none', 'sluice/log'], ['sluice scan', 'sluice-scan', 'sluice/log'],
        ['sluice frames', 'sluice-frames', 'sluice/log'], ['sluice append fsync', 'sluice-append-fsync', 'sluice-fsync/log'],
      ] as const) {
        mkdirSync(join(dir, path, '..'), { recursive: true });
        record(name, runTask(task, join(dir, path), events));
      }
      for (const [name, stage] of [['sluice index rebuild', 'rebuild-account'], ['sluice five-view rebuild', 'rebuild-all']] as const) {
        const { records, rows } = sluiceRebuild(join(dir, 'sluice'), stage);
        rates.set(name, [...(rates.get(name) ?? []), records]);
        rates.set(`${name} rows`, [...(rates.get(`${name} rows`) ?? []), rows]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const m = (name: string): number => Math.round(median(rates.get(name)!));
  const row = (name: string, value: number, unit = 'records/s'): void => report(results, { name, value, unit });
  const ratio = (name: string, of: number, to: number, target?: number): void => {
    const value = Math.round((of / to) * 100) / 100;
    report(results, { name: `${name}${target === undefined ? '' : ` (target ≥ ${target}x)`}`, value, unit: 'x' });
  };
  row('peers: plain Node append (4 MiB writes, one sync at end)', m('plain append'));
  row('peers: flumelog-offset append (arrays of 1000, one sync at end)', m('flumelog-offset append'));
  row('peers: async-append-only-log append (arrays of 1000, one sync at end)', m('aaol append'));
  row('peers: sluice append, none + one sync() at end (1000/batch)', m('sluice append none+sync'));
  row('peers: sluice append, fsync per group commit (4 batches in flight)', m('sluice append fsync'));
  ratio('ratio: sluice append (same contract) / flumelog-offset', m('sluice append none+sync'), m('flumelog-offset append'), 1.3);
  ratio('ratio: sluice append (same contract) / plain Node', m('sluice append none+sync'), m('plain append'), 0.8);
  // The plain loop is the least work a checksummed log can do: 1.3x flumelog-offset needs this ratio at 1.3x or more.
  ratio('ratio: plain Node append / flumelog-offset (flumelog-offset checksums nothing)', m('plain append'), m('flumelog-offset append'));
  ratio('ratio: sluice append (same contract) / async-append-only-log', m('sluice append none+sync'), m('aaol append'));
  ratio('ratio: sluice append (fsync) / flumelog-offset (one sync)', m('sluice append fsync'), m('flumelog-offset append'));
  row('peers: plain Node decoded scan (JSON.parse)', m('plain scan'));
  row('peers: flumelog-offset decoded scan', m('flumelog-offset scan'));
  row('peers: async-append-only-log decoded scan', m('aaol scan'));
  row('peers: sluice decoded scan', m('sluice scan'));
  ratio('ratio: sluice scan / plain Node JSON.parse scan', m('sluice scan'), m('plain scan'), 0.8);
  ratio('ratio: sluice scan / flumelog-offset', m('sluice scan'), m('flumelog-offset scan'));
  ratio('ratio: sluice scan / async-append-only-log', m('sluice scan'), m('aaol scan'));
  row('peers: plain Node frames-only read (payload copied, not parsed)', m('plain frames'));
  row('peers: sluice frames-only read (NDJSON encoding as cat/streams)', m('sluice frames'));
  ratio('ratio: sluice frames-only / plain Node frames-only', m('sluice frames'), m('plain frames'), 0.8);
  row('peers: flumeview-level account index rebuild', m('flumeview-level rebuild'));
  row('peers: sluice account index rebuild', m('sluice index rebuild'));
  ratio('ratio: sluice index rebuild / flumeview-level', m('sluice index rebuild'), m('flumeview-level rebuild'), 2);
  row('peers: sluice five-view rebuild (streams, types, tags, accounts, balances; includes opening the store)', m('sluice five-view rebuild'));
  ratio('ratio: sluice five-view rebuild / sluice account index alone', m('sluice five-view rebuild'), m('sluice index rebuild'), 0.5);
  // The five views store about four rows per record where the account index stores one: the same per-row speed.
  row('peers: sluice account index rebuild, rows stored/s', m('sluice index rebuild rows'), 'rows/s');
  row('peers: sluice five-view rebuild, rows stored/s', m('sluice five-view rebuild rows'), 'rows/s');
  ratio('ratio: sluice five-view rebuild / account index alone, rows stored/s', m('sluice five-view rebuild rows'), m('sluice index rebuild rows'));
  for (const [name, mb] of rss) report(results, { name: `peers: ${name}, peak RSS`, value: mb, unit: 'MB' });
}

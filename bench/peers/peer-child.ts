// One peer task in a fresh process, so each figure has its own heap and peak RSS. Prints one JSON line:
// { seconds, cpuSeconds, records, bytes, rssMb } (CPU time is steadier than wall time on a shared machine).
// Usage: node peer-child.js <task> <path> <events>
import { statSync } from 'node:fs';
import { plainAppend, plainFramesRead, plainScan } from './plain-node.js';
import { asyncLogAppend, asyncLogScan, flumelogOffsetAppend, flumelogOffsetScan, flumeviewLevelRebuild } from './flume-peers.js';
import { sluiceAppend, sluiceFramesRead, sluiceScan } from './sluice-side.js';

const [task, path, eventsArg] = process.argv.slice(2) as [string, string, string];
const events = Number(eventsArg);

function expectCount(got: number): number {
  if (got !== events) throw new Error(`${task} saw ${got} records, expected ${events}`);
  return got;
}

const TASKS: Record<string, () => Promise<number | void> | number | void> = {
  'plain-append': () => plainAppend(path, events),
  'plain-scan': () => { expectCount(plainScan(path)[0]); },
  'plain-frames': () => { expectCount(plainFramesRead(path)); },
  'flumelog-append': () => flumelogOffsetAppend(path, events),
  'flumelog-scan': async () => { expectCount((await flumelogOffsetScan(path))[0]); },
  'aaol-append': () => asyncLogAppend(path, events),
  'aaol-scan': async () => { expectCount((await asyncLogScan(path))[0]); },
  'flumeview-level-rebuild': () => flumeviewLevelRebuild(path),
  'sluice-append-none': () => sluiceAppend(path, events, 'none'),
  'sluice-append-fsync': () => sluiceAppend(path, events, 'fsync'),
  'sluice-scan': async () => { expectCount((await sluiceScan(path))[0]); },
  'sluice-frames': async () => { expectCount(await sluiceFramesRead(path)); },
};

const run = TASKS[task];
if (!run) throw new Error(`unknown task ${task}`);
const started = process.hrtime.bigint();
const cpuBefore = process.cpuUsage();
const returned = await run();
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
let bytes = typeof returned === 'number' ? returned : 0;
if (bytes === 0) try { bytes = statSync(path).size; } catch { /* a directory-backed peer */ }
console.log(JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, records: events, bytes, rssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));

// Collects benchmark figures and writes them as JSON (name, value, unit, machine, date) for comparison over time.
import { cpus, totalmem, platform, release } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export function machineDescription(): string {
  const cpu = cpus();
  return `${cpu.length} x ${cpu[0]?.model ?? 'unknown cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ${platform()} ${release()}, node ${process.version}`;
}

export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export function report(results: BenchFigure[], figure: BenchFigure): void {
  results.push(figure);
  const value = Number.isInteger(figure.value) ? figure.value : figure.value.toFixed(2);
  console.log(`  ${figure.name.padEnd(72)} ${String(value).padStart(12)} ${figure.unit}`);
}

/**
 * Writes `<prefix>-<date>.json`; a full run (prefix `bench`) also replaces latest.json, a stage run alone does not.
 * `load` is the load average when the run started and ended (figures from a busy machine read differently).
 */
export function writeResults(dir: string, results: BenchFigure[], prefix = 'bench', load?: string): string {
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString();
  const machine = machineDescription();
  const rows = results.map((r) => ({ ...r, machine, date, ...(load === undefined ? {} : { load }) }));
  const file = join(dir, `${prefix}-${date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(rows, null, 2) + '\n');
  if (prefix === 'bench') writeFileSync(join(dir, 'latest.json'), JSON.stringify(rows, null, 2) + '\n');
  return file;
}

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

export function writeResults(dir: string, results: BenchFigure[]): string {
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString();
  const machine = machineDescription();
  const rows = results.map((r) => ({ ...r, machine, date }));
  const file = join(dir, `bench-${date.replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(rows, null, 2) + '\n');
  writeFileSync(join(dir, 'latest.json'), JSON.stringify(rows, null, 2) + '\n');
  return file;
}

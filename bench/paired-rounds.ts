// Two servers loaded in turn, round after round: on a shared machine throughput drifts by tens of percent within
// minutes (CPU steal, other tenants), and a ratio of two figures taken minutes apart carries that drift. Loaded in
// alternation, both sides see the same drift; each ratio is the median of the rounds' own ratios.
import type { CpuPerRequest } from './process-cpu.js';

/** One load of one server: its rate (requests or records per second), p99 latency and CPU per request. */
export interface Measured {
  readonly rate: number;
  readonly p99: number;
  readonly cpu: CpuPerRequest;
}

export interface Paired {
  /** Medians over the rounds, field by field. */
  readonly reference: Measured;
  readonly subject: Measured;
  /** The median of subject / reference over the rounds. */
  readonly ratio: number;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function medianOf(all: readonly Measured[]): Measured {
  const of = (pick: (m: Measured) => number): number => median(all.map(pick));
  return {
    rate: of((m) => m.rate),
    p99: of((m) => m.p99),
    cpu: { serverMainUs: of((m) => m.cpu.serverMainUs), serverOthersUs: of((m) => m.cpu.serverOthersUs), loaderUs: of((m) => m.cpu.loaderUs) },
  };
}

/** `rounds` rounds of `reference` then `subject`, one after the other. */
export async function pairedRounds(rounds: number, reference: () => Promise<Measured>, subject: () => Promise<Measured>): Promise<Paired> {
  const references: Measured[] = [];
  const subjects: Measured[] = [];
  for (let round = 0; round < rounds; round++) {
    references.push(await reference());
    subjects.push(await subject());
  }
  return {
    reference: medianOf(references),
    subject: medianOf(subjects),
    ratio: median(subjects.map((s, i) => s.rate / references[i]!.rate)),
  };
}

import { type BenchFigure } from './bench-results.js';
/** Writes `events` deposit events to `<dataDir>/log` in batches and measures the rest on that log. */
export declare function runLogBench(dataDir: string, events: number, results: BenchFigure[]): Promise<void>;

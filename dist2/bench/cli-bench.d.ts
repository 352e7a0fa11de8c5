import { type BenchFigure } from './bench-results.js';
export declare function runCliBench(dataDir: string, results: BenchFigure[]): Promise<void>;

import { type BenchFigure } from './bench-results.js';
export declare function runHttpBench(dataDir: string, results: BenchFigure[]): Promise<void>;

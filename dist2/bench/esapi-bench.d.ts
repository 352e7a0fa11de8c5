import { type BenchFigure } from './bench-results.js';
export declare function runEsapiBench(dataDir: string, results: BenchFigure[]): Promise<void>;

import { type BenchFigure } from './bench-results.js';
export declare function runViewsBench(dataDir: string, results: BenchFigure[]): Promise<void>;

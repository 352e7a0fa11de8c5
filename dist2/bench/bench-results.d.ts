export interface BenchFigure {
    readonly name: string;
    readonly value: number;
    readonly unit: string;
}
export declare function machineDescription(): string;
export declare function peakRssMb(): number;
export declare function report(results: BenchFigure[], figure: BenchFigure): void;
export declare function writeResults(dir: string, results: BenchFigure[]): string;

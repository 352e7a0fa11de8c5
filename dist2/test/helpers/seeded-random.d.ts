export declare class SeededRandom {
    readonly seed: number;
    private state;
    constructor(seed: number);
    /** A float in [0, 1). */
    next(): number;
    /** An integer in [min, max]. */
    int(min: number, max: number): number;
    pick<T>(items: readonly T[]): T;
    chance(p: number): boolean;
    bytes(length: number): Buffer;
}

export declare function segmentFileName(base: number): string;
/** Base offsets of the segment files among `names`, ascending. */
export declare function segmentBases(names: readonly string[]): number[];

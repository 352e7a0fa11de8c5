// Segment files are named by the log offset of their first byte, zero-padded so names sort by offset.
const SUFFIX = '.seg';
const WIDTH = 20;
export function segmentFileName(base) {
    return String(base).padStart(WIDTH, '0') + SUFFIX;
}
/** Base offsets of the segment files among `names`, ascending. */
export function segmentBases(names) {
    return names
        .filter((name) => name.length === WIDTH + SUFFIX.length && name.endsWith(SUFFIX) && /^\d+$/.test(name.slice(0, WIDTH)))
        .map((name) => Number(name.slice(0, WIDTH)))
        .sort((a, b) => a - b);
}
//# sourceMappingURL=segment-names.js.map
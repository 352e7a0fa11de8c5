// A small seeded PRNG (mulberry32) so crash sweeps and child-process runs replay exactly from a printed seed.
export class SeededRandom {
    seed;
    state;
    constructor(seed) {
        this.seed = seed;
        this.state = seed >>> 0;
    }
    /** A float in [0, 1). */
    next() {
        this.state = (this.state + 0x6d2b79f5) >>> 0;
        let t = this.state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
    }
    /** An integer in [min, max]. */
    int(min, max) {
        return min + Math.floor(this.next() * (max - min + 1));
    }
    pick(items) {
        return items[this.int(0, items.length - 1)];
    }
    chance(p) {
        return this.next() < p;
    }
    bytes(length) {
        const out = Buffer.allocUnsafe(length);
        for (let i = 0; i < length; i++)
            out[i] = this.int(0, 255);
        return out;
    }
}
//# sourceMappingURL=seeded-random.js.map
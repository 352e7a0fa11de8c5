// The crash-point sweep: the real FileLog over the crash-simulating file system, crashed at every mutating
// operation, then recovered from what a power loss (or a kill -9 followed by a power loss) leaves on disk.
// A kill -9 test cannot catch a missing fsync; this can.
import { expect } from 'chai';
import { openFileLog } from '../../core/log/file-log.js';
import { CrashFileSystem } from '../helpers/crash-file-system.js';
import { readAll, recordContent } from '../helpers/log-test-kit.js';
import { SeededRandom } from '../helpers/seeded-random.js';
const DIR = '/log';
function options(fs, mode) {
    return { dir: DIR, fs, lock: false, fsync: mode, segmentBytes: 700, checkpointBytes: 1500, batchIntervalMs: 1 };
}
function idOf(record) {
    return record.binary ? record.data.toString('latin1').split('|')[0] : record.data.id;
}
/** Several concurrent appenders (single events, multi-event batches, cross-stream batches) until done or crashed. */
async function runWorkload(fs, mode, seed, phase) {
    const acked = [];
    const synced = new Set();
    let log;
    try {
        log = await openFileLog(options(fs, mode));
    }
    catch {
        return { acked, synced, visibleAtOpen: undefined };
    }
    const visibleAtOpen = await readAll(log);
    const appender = async (a) => {
        const random = new SeededRandom(seed * 1000 + a);
        for (let i = 0; i < 4; i++) {
            const ids = [];
            const events = (tag) => Array.from({ length: random.int(1, 3) }, (_, e) => {
                const id = `${phase}-${a}-${i}-${tag}${e}`;
                ids.push(id);
                return random.chance(0.3)
                    ? { type: 'blob', data: Buffer.from(`${id}|${'b'.repeat(random.int(0, 60))}`, 'latin1') }
                    : { type: 'deposit', data: { id, pad: 'x'.repeat(random.int(0, 80)) } };
            });
            const own = `own-${a}`;
            const writes = [{ stream: own, events: events('o'), expectedRevision: log.streamRevision(own) ?? 'no_stream' }];
            if (random.chance(0.5))
                writes.push({ stream: random.pick(['acct-1', 'acct-2']), events: events('s') });
            try {
                acked.push({ ids, result: await log.appendBatch(writes) });
            }
            catch {
                return;
            }
            if (mode !== 'fsync' && a === 0 && i % 2 === 1) {
                const before = acked.flatMap((x) => x.ids);
                try {
                    await log.sync();
                }
                catch {
                    return;
                }
                for (const id of before)
                    synced.add(id);
            }
        }
    };
    await Promise.all([0, 1, 2].map(appender));
    fs.crash();
    await log.close().catch(() => undefined);
    return { acked, synced, visibleAtOpen };
}
/** Opens a log over `image`, with nothing crashing, and hands back everything it recovered. */
async function recover(image, mode) {
    const fs = new CrashFileSystem({ image });
    const log = await openFileLog(options(fs, mode));
    return { fs, log, records: await readAll(log) };
}
/**
 * The recovered log is a contiguous prefix of what was written, contains every acknowledged (or synced)
 * append intact, reports no damage, has consistent revisions, and keeps working.
 */
async function checkRecovery(label, mode, written, image, mustSurvive, alsoIds, visible = []) {
    const { fs, log, records } = await recover(image, mode);
    try {
        expect(records.length, `${label}: recovered more than was written`).to.be.at.most(written.length);
        expect(records.map(recordContent), `${label}: not a prefix of what was written`).to.deep.equal(written.slice(0, records.length).map(recordContent));
        expect(records.map((r) => r.offset)).to.deep.equal(written.slice(0, records.length).map((r) => r.offset));
        const byId = new Map(records.map((r) => [idOf(r), r]));
        for (const { ids, result } of mustSurvive) {
            ids.forEach((id, i) => {
                const record = byId.get(id);
                expect(record, `${label}: acknowledged ${id} lost`).to.not.equal(undefined);
                expect(record.offset).to.equal(result.offsets[i]);
                expect(record.revision).to.equal(result.revisions[i]);
            });
        }
        for (const id of alsoIds)
            expect(byId.has(id), `${label}: synced ${id} lost`).to.equal(true);
        expect(records.length, `${label}: a record visible after a restart was lost`).to.be.at.least(visible.length);
        expect(records.slice(0, visible.length).map(recordContent)).to.deep.equal(visible.map(recordContent));
        const batches = new Map();
        for (const id of byId.keys()) {
            const key = id.split('-').slice(0, 3).join('-');
            batches.set(key, (batches.get(key) ?? 0) + 1);
        }
        for (const record of written) {
            const key = idOf(record).split('-').slice(0, 3).join('-');
            if (batches.has(key))
                expect(byId.has(idOf(record)), `${label}: batch ${key} recovered in part`).to.equal(true);
        }
        expect(log.damagedRanges, `${label}: damage reported on open`).to.deep.equal([]);
        expect((await log.verify()).damaged, `${label}: damage reported by verify`).to.deep.equal([]);
        const last = new Map();
        for (const record of records) {
            expect(record.revision, `${label}: revision gap in ${record.stream}`).to.equal((last.get(record.stream) ?? -1) + 1);
            last.set(record.stream, record.revision);
        }
        for (const stream of ['own-0', 'own-1', 'own-2', 'acct-1', 'acct-2'])
            expect(log.streamRevision(stream)).to.equal(last.get(stream));
        const after = await log.append('own-0', { type: 'after', data: { id: 'after' } }, { expectedRevision: last.get('own-0') ?? 'no_stream' });
        await log.close();
        const reopened = await openFileLog(options(fs, mode));
        expect(reopened.end).to.equal(after.end);
        expect(reopened.streamRevision('own-0')).to.equal(after.revisions[0]);
        await reopened.close();
    }
    finally {
        await log.close();
    }
}
/** Counts the mutating operations of an uncrashed run (the sweep's range). */
async function countOps(mode, seed, image) {
    const fs = new CrashFileSystem({ image });
    await runWorkload(fs, mode, seed, 'count');
    return fs.ops;
}
async function writtenIn(fs, mode) {
    const { log, records } = await recover(fs.processCrashImage(), mode);
    await log.close();
    return records;
}
describe('file-log', () => {
    context('when the machine crashes at any file-system operation (fsync mode)', () => {
        it('recovers every acknowledged append as a contiguous prefix of what was written', async function () {
            this.timeout(60_000);
            let cases = 0;
            for (const seed of [1, 2, 3, 4, 5, 6]) {
                const total = await countOps('fsync', seed);
                expect(total).to.be.greaterThan(20);
                for (let crashAt = 1; crashAt <= total + 1; crashAt++) {
                    const fs = new CrashFileSystem({ crashAt });
                    const run = await runWorkload(fs, 'fsync', seed, 'p1');
                    const written = await writtenIn(fs, 'fsync');
                    await checkRecovery(`seed ${seed} kill -9 at ${crashAt}/${total}`, 'fsync', written, fs.processCrashImage(), run.acked, []);
                    for (let trial = 0; trial < 3; trial++) {
                        const image = fs.powerLossImage(new SeededRandom(seed * 7919 + crashAt * 31 + trial));
                        await checkRecovery(`seed ${seed} crash at ${crashAt}/${total} trial ${trial}`, 'fsync', written, image, run.acked, []);
                        cases++;
                    }
                }
            }
            expect(cases).to.be.greaterThan(400);
        });
        it('keeps a later pending write while dropping an earlier one without losing acknowledged data', async function () {
            this.timeout(60_000);
            for (const seed of [11, 12]) {
                const total = await countOps('fsync', seed);
                for (let crashAt = 1; crashAt <= total + 1; crashAt++) {
                    const fs = new CrashFileSystem({ crashAt });
                    const run = await runWorkload(fs, 'fsync', seed, 'p1');
                    const written = await writtenIn(fs, 'fsync');
                    const newest = Math.max(...fs.pendingWrites());
                    let seen = 0;
                    // Reordered write-back: the newest pending write survives, every older one is lost or torn.
                    const image = fs.powerLossImage(new SeededRandom(seed + crashAt), (op) => (op.seq === newest ? 'kept' : ++seen % 2 ? 'dropped' : 'torn'));
                    await checkRecovery(`seed ${seed} reordered crash at ${crashAt}`, 'fsync', written, image, run.acked, []);
                }
            }
        });
    });
    context('when a killed process is restarted and the machine then crashes (fsync mode)', () => {
        it('loses nothing that was acknowledged or visible after the restart', async function () {
            this.timeout(60_000);
            for (const seed of [21, 22]) {
                const total1 = await countOps('fsync', seed);
                for (let crash1 = 1; crash1 <= total1 + 1; crash1 += 1) {
                    const fs1 = new CrashFileSystem({ crashAt: crash1 });
                    const run1 = await runWorkload(fs1, 'fsync', seed, 'p1');
                    const killed = fs1.processCrashImage();
                    const total2 = await countOps('fsync', seed + 100, killed);
                    const random = new SeededRandom(seed * 31 + crash1);
                    const points = new Set([1, 2, 3, 4, 5, 6, total2 + 1, random.int(1, total2), random.int(1, total2)]);
                    for (const crash2 of points) {
                        const fs2 = new CrashFileSystem({ image: killed, crashAt: crash2 });
                        const run2 = await runWorkload(fs2, 'fsync', seed + 100, 'p2');
                        const written = await writtenIn(fs2, 'fsync');
                        const image = fs2.powerLossImage(new SeededRandom(seed + crash1 * 1000 + crash2));
                        await checkRecovery(`seed ${seed} kill at ${crash1}, crash at ${crash2}/${total2}`, 'fsync', written, image, [...run1.acked, ...run2.acked], [], run2.visibleAtOpen);
                    }
                }
            }
        });
    });
    for (const mode of ['batch', 'none']) {
        context(`when the machine crashes at any file-system operation (${mode} mode)`, () => {
            it('keeps every acknowledged append through kill -9, and a prefix holding every synced one through power loss', async function () {
                this.timeout(60_000);
                for (const seed of [31, 32, 33]) {
                    const total = await countOps(mode, seed);
                    for (let crashAt = 1; crashAt <= total + 1; crashAt++) {
                        const fs = new CrashFileSystem({ crashAt });
                        const run = await runWorkload(fs, mode, seed, 'p1');
                        const written = await writtenIn(fs, mode);
                        // kill -9: the page cache survives, so every acknowledged append does too.
                        await checkRecovery(`${mode} seed ${seed} kill -9 at ${crashAt}/${total}`, mode, written, fs.processCrashImage(), run.acked, []);
                        // Power loss: a prefix, holding everything acknowledged before a completed sync().
                        const image = fs.powerLossImage(new SeededRandom(seed * 13 + crashAt));
                        await checkRecovery(`${mode} seed ${seed} crash at ${crashAt}/${total}`, mode, written, image, [], run.synced);
                    }
                }
            });
        });
    }
});
//# sourceMappingURL=crash-sweep.test.js.map
import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentFileName } from '../../core/log/segment-names.js';
import { CrashFileSystem } from '../helpers/crash-file-system.js';
import { caught, CODES, collect, readAll, recordContent, segmentPath, useLogTestKit } from '../helpers/log-test-kit.js';
const SEGMENT = `/log/${segmentFileName(0)}`;
/** A closed in-memory log of `count` single appends; equal-sized records unless `varied`. */
async function buildTemplate(kit, count, varied = false) {
    const fs = new CrashFileSystem();
    const log = await kit.open({ dir: '/log', fs, lock: false });
    for (let i = 0; i < count; i++) {
        const data = varied ? { i, pad: 'p'.repeat((i * 37) % 150) } : { i: String(i).padStart(6, '0') };
        await log.append(`s${i % 3}`, { type: 'evt', data, ts: 1_700_000_000_000 });
    }
    const records = await readAll(log);
    await log.close();
    return { fs, records, segment: fs.contentOf(SEGMENT) };
}
/** A copy of the template's file system with `segment` as its segment, optionally without the checkpoint. */
function damagedCopy(template, segment, withCheckpoint) {
    const fs = new CrashFileSystem({ image: template.fs.processCrashImage() });
    fs.setContent(SEGMENT, segment);
    if (!withCheckpoint)
        fs.remove('/log/streams.ckpt');
    return fs;
}
function overlaps(record, from, to) {
    return record.offset < to && record.next > from;
}
/**
 * Checks a log whose bytes [from, to) were damaged: nothing damaged is ever returned, the first damaged
 * record reads as corrupt and is reported by verify, and everything outside the damage stays readable.
 */
async function expectDamageContained(log, records, from, to) {
    const hit = records.filter((r) => overlaps(r, from, to));
    const intact = records.filter((r) => !overlaps(r, from, to));
    expect(hit.length).to.be.greaterThan(0);
    expect(log.end).to.equal(records[records.length - 1].next);
    for (const record of intact)
        expect(recordContent(log.readSync(record.offset))).to.equal(recordContent(record));
    for (const record of hit) {
        const err = await caught(() => log.read(record.offset));
        expect([CODES.corrupt, CODES.noRecord]).to.include(err.code);
    }
    const first = await caught(() => log.read(hit[0].offset));
    expect(first.code).to.equal(CODES.corrupt);
    expect(first.offset).to.equal(hit[0].offset);
    const forward = [];
    const forwardErr = await caught(async () => { for await (const r of log.readForward(log.start))
        forward.push(r); });
    expect(forwardErr.code).to.equal(CODES.corrupt);
    expect(forward.map(recordContent)).to.deep.equal(records.filter((r) => r.next <= hit[0].offset).map(recordContent));
    const backward = [];
    const backwardErr = await caught(async () => { for await (const r of log.readBackward())
        backward.push(r); });
    expect(backwardErr.code).to.equal(CODES.corrupt);
    const after = records.filter((r) => r.offset >= hit[hit.length - 1].next);
    expect(backward.map(recordContent)).to.deep.equal([...after].reverse().map(recordContent));
    const afterLast = hit[hit.length - 1].next;
    if (afterLast < log.end) {
        expect((await collect(log.readForward(afterLast))).map(recordContent)).to.deep.equal(after.map(recordContent));
    }
    const report = await log.verify();
    const reported = report.damaged.map((d) => d.offset);
    expect(reported).to.include(hit[0].offset);
    for (const offset of reported)
        expect(offset).to.be.within(hit[0].offset, hit[hit.length - 1].offset);
    expect(report.records).to.equal(intact.length);
}
describe('file-log', () => {
    const kit = useLogTestKit();
    context('when a byte of a record in the middle of the log is damaged', () => {
        it('reports the record as corrupt at every byte position and never truncates what follows', async () => {
            const template = await buildTemplate(kit, 8);
            const target = template.records[4];
            for (let pos = target.offset; pos < target.next; pos++) {
                for (const withCheckpoint of [true, false]) {
                    const segment = Buffer.from(template.segment);
                    segment[pos] ^= 1 << (pos % 8);
                    const fs = damagedCopy(template, segment, withCheckpoint);
                    const log = await kit.open({ dir: '/log', fs, lock: false });
                    await expectDamageContained(log, template.records, pos, pos + 1);
                    expect((await log.verify()).damaged.map((d) => d.offset)).to.deep.equal([target.offset]);
                    const appended = await log.append('more', { type: 't' });
                    expect(appended.offsets[0]).to.equal(template.records[7].next);
                    await log.close();
                    const reopened = await kit.open({ dir: '/log', fs, lock: false });
                    expect(reopened.end).to.equal(appended.end);
                    expect((await reopened.verify()).damaged.map((d) => d.offset)).to.deep.equal([target.offset]);
                    await reopened.close();
                }
            }
        });
        it('reports every damaged record of several that are not adjacent', async () => {
            const template = await buildTemplate(kit, 12, true);
            const { records } = template;
            // The last record is left alone: damage there is indistinguishable from a torn, never-acknowledged write.
            const damageArb = fc.uniqueArray(fc.integer({ min: 0, max: records.length - 2 }), { minLength: 1, maxLength: 4 })
                .map((indexes) => indexes.sort((a, b) => a - b))
                .filter((indexes) => indexes.every((index, i) => i === 0 || index > indexes[i - 1] + 1))
                .chain((indexes) => fc.tuple(fc.constant(indexes), fc.array(fc.nat(), { minLength: indexes.length, maxLength: indexes.length }), fc.boolean()));
            await fc.assert(fc.asyncProperty(damageArb, async ([indexes, positions, withCheckpoint]) => {
                const segment = Buffer.from(template.segment);
                for (const [i, index] of indexes.entries()) {
                    const record = records[index];
                    segment[record.offset + (positions[i] % (record.next - record.offset))] ^= 0x5a;
                }
                const log = await kit.open({ dir: '/log', fs: damagedCopy(template, segment, withCheckpoint), lock: false });
                try {
                    expect(log.end).to.equal(records[records.length - 1].next);
                    for (const [index, record] of records.entries()) {
                        if (indexes.includes(index)) {
                            const err = await caught(() => log.read(record.offset));
                            expect(err.code).to.equal(CODES.corrupt);
                            expect(err.offset).to.equal(record.offset);
                        }
                        else {
                            expect(recordContent(log.readSync(record.offset))).to.equal(recordContent(record));
                        }
                    }
                    expect((await log.verify()).damaged.map((d) => d.offset)).to.deep.equal(indexes.map((i) => records[i].offset));
                }
                finally {
                    await log.close();
                }
            }), { numRuns: 150 });
        });
        it('reports a run of adjacent damaged records up to the first whose framing is damaged, and never returns one', async () => {
            const template = await buildTemplate(kit, 12, true);
            const { records } = template;
            const runArb = fc.record({
                first: fc.integer({ min: 0, max: records.length - 3 }),
                length: fc.integer({ min: 2, max: 4 }),
                positions: fc.array(fc.nat(), { minLength: 4, maxLength: 4 }),
                withCheckpoint: fc.boolean(),
            }).filter(({ first, length }) => first + length <= records.length - 1);
            await fc.assert(fc.asyncProperty(runArb, async ({ first, length, positions, withCheckpoint }) => {
                const segment = Buffer.from(template.segment);
                const run = records.slice(first, first + length);
                let framingDamaged = false;
                const expected = [];
                for (const [i, record] of run.entries()) {
                    const at = positions[i] % (record.next - record.offset);
                    segment[record.offset + at] ^= 0x5a;
                    // The scanner steps over a damaged record by its length while length and trailer agree.
                    if (!framingDamaged)
                        expected.push(record.offset);
                    if ((at >= 4 && at < 8) || at >= record.next - record.offset - 4)
                        framingDamaged = true;
                }
                const log = await kit.open({ dir: '/log', fs: damagedCopy(template, segment, withCheckpoint), lock: false });
                try {
                    expect(log.end).to.equal(records[records.length - 1].next);
                    for (const record of run) {
                        expect([CODES.corrupt, CODES.noRecord]).to.include((await caught(() => log.read(record.offset))).code);
                    }
                    for (const record of records.filter((r) => !run.includes(r))) {
                        expect(recordContent(log.readSync(record.offset))).to.equal(recordContent(record));
                    }
                    expect((await log.verify()).damaged.map((d) => d.offset)).to.deep.equal(expected);
                    for (const offset of expected)
                        expect((await caught(() => log.read(offset))).code).to.equal(CODES.corrupt);
                }
                finally {
                    await log.close();
                }
            }), { numRuns: 150 });
        });
    });
    context("when a record's trailer points at an earlier record", () => {
        it('reads backward to the damage and stops there instead of skipping records', async () => {
            const template = await buildTemplate(kit, 8);
            const { records } = template;
            const target = records[5];
            const size = target.next - target.offset;
            const segment = Buffer.from(template.segment);
            segment.writeUInt32LE(size - 20 + size, target.next - 4); // now claims to start where records[4] starts
            for (const withCheckpoint of [true, false]) {
                const log = await kit.open({ dir: '/log', fs: damagedCopy(template, segment, withCheckpoint), lock: false });
                await expectDamageContained(log, records, target.next - 4, target.next);
                await log.close();
            }
        });
    });
    context('when a 4 KiB block in the middle of the log is zeroed', () => {
        it('contains the damage at every block of the log except the last, in memory', async () => {
            const template = await buildTemplate(kit, 400, true);
            const { records, segment } = template;
            const blocks = Math.floor(segment.length / 4096);
            for (let block = 0; block < blocks; block++) {
                const from = block * 4096;
                const to = from + 4096;
                if (to >= records[records.length - 1].offset)
                    continue;
                for (const withCheckpoint of [true, false]) {
                    const damaged = Buffer.from(segment);
                    damaged.fill(0, from, to);
                    const log = await kit.open({ dir: '/log', fs: damagedCopy(template, damaged, withCheckpoint), lock: false });
                    await expectDamageContained(log, records, from, to);
                    await log.close();
                }
            }
        });
        it('contains the damage on disk and keeps it contained across reopens', async () => {
            const dir = kit.dir();
            const log = await kit.open({ dir });
            for (let i = 0; i < 300; i++)
                await log.append(`s${i % 5}`, { type: 'evt', data: { i, pad: 'q'.repeat(i % 90) } });
            const records = await readAll(log);
            await log.close();
            const segment = readFileSync(segmentPath(dir));
            segment.fill(0, 8192, 12288);
            writeFileSync(segmentPath(dir), segment);
            rmSync(join(dir, 'streams.ckpt'));
            for (let reopen = 0; reopen < 2; reopen++) {
                const damaged = await kit.open({ dir });
                await expectDamageContained(damaged, records, 8192, 12288);
                expect(statSync(segmentPath(dir)).size).to.equal(records[records.length - 1].next);
                for (const record of records)
                    expect(damaged.streamRevision(record.stream)).to.equal(records.filter((r) => r.stream === record.stream).length - 1);
                await damaged.close();
            }
        });
    });
    context('when a read-only log opens beside damage in the active segment', () => {
        it('reads past the damage like the writer does, reporting the damaged record as corrupt', async () => {
            const template = await buildTemplate(kit, 10);
            const { records } = template;
            const target = records[4];
            const segment = Buffer.from(template.segment);
            segment[target.offset + 30] ^= 0x10;
            for (const withCheckpoint of [true, false]) {
                const fs = damagedCopy(template, segment, withCheckpoint);
                const reader = await kit.open({ dir: '/log', fs, readOnly: true });
                expect(reader.end).to.equal(records[9].next);
                await expectDamageContained(reader, records, target.offset + 30, target.offset + 31);
                const writer = await kit.open({ dir: '/log', fs, lock: false });
                const { end } = await writer.append('more', { type: 'after-damage' });
                expect(await reader.refresh()).to.equal(end);
                expect((await reader.read(records[9].next)).type).to.equal('after-damage');
                await writer.close();
                await reader.close();
            }
        });
    });
    context('when the last atomic batch is torn in its middle', () => {
        it('drops the whole batch even when its later frames survived', async () => {
            const fs = new CrashFileSystem();
            const log = await kit.open({ dir: '/log', fs, lock: false });
            await log.append('before', { type: 'a', data: { keep: true } });
            const batch = await log.appendBatch([
                { stream: 'x', events: [{ type: 'b1', data: 'x'.repeat(50) }, { type: 'b2', data: 'y'.repeat(50) }] },
                { stream: 'y', events: [{ type: 'b3', data: 'z'.repeat(50) }, { type: 'b4', data: 'w'.repeat(50) }] },
            ]);
            await log.close();
            const segment = fs.contentOf(SEGMENT);
            const frames = [...batch.offsets, batch.end];
            for (let i = 0; i < 3; i++) {
                for (const damage of ['zero', 'flip']) {
                    const torn = Buffer.from(segment);
                    if (damage === 'zero')
                        torn.fill(0, frames[i], frames[i + 1]);
                    else
                        torn[frames[i] + 30] ^= 0xff;
                    const copy = new CrashFileSystem({ image: fs.processCrashImage() });
                    copy.setContent(SEGMENT, torn);
                    copy.remove('/log/streams.ckpt');
                    const reopened = await kit.open({ dir: '/log', fs: copy, lock: false });
                    expect(reopened.end).to.equal(batch.offsets[0]);
                    expect(reopened.streamRevision('x')).to.equal(undefined);
                    expect(reopened.streamRevision('y')).to.equal(undefined);
                    expect((await readAll(reopened)).map((r) => r.type)).to.deep.equal(['a']);
                    for (const offset of batch.offsets.slice(1)) {
                        expect((await caught(() => reopened.read(offset))).code).to.equal(CODES.noRecord);
                    }
                    expect((await reopened.verify()).damaged).to.deep.equal([]);
                    await reopened.close();
                }
            }
        });
    });
});
//# sourceMappingURL=damage.test.js.map
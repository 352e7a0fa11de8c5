import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentFileName } from '../../core/log/segment-names.js';
import { CrashFileSystem } from '../helpers/crash-file-system.js';
import { readAll, recordContent, segmentPath, useLogTestKit } from '../helpers/log-test-kit.js';
const EVENTS = [
    { type: 'opened', data: { account: 'acct-1', amount: 10 } },
    { type: 'deposited', data: Buffer.from([0, 1, 2, 3, 250, 251]), tags: ['money'] },
    { type: 'noted', data: 'a note with ünïcödé 🎉', meta: { by: 'test' } },
    { type: 'deposited', data: { amount: 12345678, memo: 'x'.repeat(40) } },
    { type: 'closed', data: null, ts: 1_700_000_000_000 },
];
/** Builds a closed log in a fresh directory: single appends, then optionally the last `batch` events as one atomic append. */
async function buildTemplate(kit, batch = 0) {
    const dir = kit.dir();
    const log = await kit.open({ dir });
    const singles = EVENTS.slice(0, EVENTS.length - batch);
    for (const [i, event] of singles.entries())
        await log.append(i % 2 ? 'odd' : 'even', event);
    if (batch > 0)
        await log.append('batch', EVENTS.slice(EVENTS.length - batch));
    const records = await readAll(log);
    await log.close();
    return {
        meta: readFileSync(join(dir, 'log.meta')),
        checkpoint: readFileSync(join(dir, 'streams.ckpt')),
        segment: readFileSync(segmentPath(dir)),
        records,
    };
}
/** A log holding `segment` as its only segment (and the template's checkpoint unless told otherwise). */
function plantLog(kit, template, segment, withCheckpoint = true, inMemory = false) {
    if (inMemory) {
        const fs = new CrashFileSystem();
        fs.setContent('/log/log.meta', template.meta);
        if (withCheckpoint)
            fs.setContent('/log/streams.ckpt', template.checkpoint);
        fs.setContent(`/log/${segmentFileName(0)}`, segment);
        return { options: { dir: '/log', fs, lock: false }, segmentSize: () => fs.contentOf(`/log/${segmentFileName(0)}`).length, remove() { } };
    }
    const dir = kit.dir();
    writeFileSync(join(dir, 'log.meta'), template.meta);
    if (withCheckpoint)
        writeFileSync(join(dir, 'streams.ckpt'), template.checkpoint);
    writeFileSync(segmentPath(dir), segment);
    return { options: { dir }, segmentSize: () => statSync(segmentPath(dir)).size, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
function expectedRevisions(records) {
    const revisions = new Map();
    for (const record of records)
        revisions.set(record.stream, record.revision);
    return revisions;
}
/** The log holds exactly `expected`, is truncated on disk to its end, verifies clean, and keeps appending after a reopen. */
async function expectRecoveredTo(kit, planted, expected) {
    const log = await kit.open(planted.options);
    const end = expected.length === 0 ? 0 : expected[expected.length - 1].next;
    expect(log.end).to.equal(end);
    expect((await readAll(log)).map(recordContent)).to.deep.equal(expected.map(recordContent));
    expect(planted.segmentSize()).to.equal(end);
    for (const stream of ['odd', 'even', 'batch']) {
        expect(log.streamRevision(stream)).to.equal(expectedRevisions(expected).get(stream));
    }
    expect((await log.verify()).damaged).to.deep.equal([]);
    const appended = await log.append('odd', { type: 'after-recovery', data: { end } });
    expect(appended.offsets[0]).to.equal(end);
    expect(appended.revisions[0]).to.equal((expectedRevisions(expected).get('odd') ?? -1) + 1);
    await log.close();
    const reopened = await kit.open(planted.options);
    const records = await readAll(reopened);
    expect(records.slice(0, -1).map(recordContent)).to.deep.equal(expected.map(recordContent));
    expect(records[records.length - 1].type).to.equal('after-recovery');
    expect(reopened.end).to.equal(appended.end);
    await reopened.close();
    planted.remove();
}
describe('file-log', () => {
    const kit = useLogTestKit();
    context('when the last segment ends in a torn write', () => {
        it('recovers exactly the complete records for a cut at every byte of the last three frames', async () => {
            const template = await buildTemplate(kit);
            const { records, segment } = template;
            expect(segment.length).to.equal(records[records.length - 1].next);
            for (let cut = records[records.length - 3].offset; cut < segment.length; cut++) {
                const planted = plantLog(kit, template, segment.subarray(0, cut), cut % 2 === 0, true);
                await expectRecoveredTo(kit, planted, records.filter((r) => r.next <= cut));
            }
        });
        it('recovers the same on disk for cuts around and inside each of the last three frames', async () => {
            const template = await buildTemplate(kit);
            const { records, segment } = template;
            const cuts = records.slice(-3).flatMap((r) => [r.offset + 1, r.offset + 8, r.offset + 17, Math.floor((r.offset + r.next) / 2), r.next - 4, r.next - 1]);
            for (const cut of cuts) {
                await expectRecoveredTo(kit, plantLog(kit, template, segment.subarray(0, cut), cut % 2 === 0), records.filter((r) => r.next <= cut));
            }
        });
        it('drops a torn atomic batch entirely for a cut at every byte inside it', async () => {
            const template = await buildTemplate(kit, 3);
            const { records, segment } = template;
            for (let cut = records[records.length - 3].offset + 1; cut < segment.length; cut++) {
                await expectRecoveredTo(kit, plantLog(kit, template, segment.subarray(0, cut), cut % 3 === 0, true), records.slice(0, -3));
            }
        });
        it('drops the last frame when its final bytes are zero-filled in place', async () => {
            const template = await buildTemplate(kit);
            const { records, segment } = template;
            const last = records[records.length - 1];
            for (const zeroed of [4, 5, 8, 20, last.next - last.offset]) {
                const torn = Buffer.from(segment);
                torn.fill(0, segment.length - zeroed);
                expect(torn.equals(segment)).to.equal(false);
                await expectRecoveredTo(kit, plantLog(kit, template, torn, false), records.slice(0, -1));
            }
        });
    });
    context('when garbage follows the last complete record', () => {
        it('truncates zero-filled tails of any length', async () => {
            const template = await buildTemplate(kit);
            for (const zeros of [1, 7, 8, 19, 20, 21, 100, 4096, 65_536]) {
                await expectRecoveredTo(kit, plantLog(kit, template, Buffer.concat([template.segment, Buffer.alloc(zeros)]), zeros % 2 === 0), template.records);
            }
        });
        it('truncates random garbage, headers claiming huge lengths and copies of real frames', async () => {
            const template = await buildTemplate(kit);
            const first = template.records[0];
            const copiedFrame = template.segment.subarray(first.offset, first.next);
            const hugeHeader = Buffer.alloc(16);
            hugeHeader.writeUInt32LE(0xffffffff, 4);
            const tailArb = fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 5000 }).map((bytes) => Buffer.from(bytes)), fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.concat([copiedFrame, Buffer.from(bytes)])), fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.concat([hugeHeader, Buffer.from(bytes)])));
            await fc.assert(fc.asyncProperty(tailArb, fc.boolean(), async (tail, withCheckpoint) => {
                await expectRecoveredTo(kit, plantLog(kit, template, Buffer.concat([template.segment, tail]), withCheckpoint, true), template.records);
            }), { numRuns: 60 });
        });
    });
    context('when the last record is larger than the read buffer', () => {
        it('recovers it on an open that scans from the start', async () => {
            const dir = kit.dir();
            const log = await kit.open({ dir });
            const big = Buffer.alloc(3 << 20, 7);
            await log.append('big', { type: 'first', data: { small: true } });
            const { offsets, end } = await log.append('big', { type: 'big', data: big });
            await log.close();
            rmSync(join(dir, 'streams.ckpt'));
            const reopened = await kit.open({ dir });
            expect(reopened.end).to.equal(end);
            expect(reopened.damagedRanges).to.deep.equal([]);
            expect(reopened.streamRevision('big')).to.equal(1);
            expect(Buffer.compare((await reopened.read(offsets[0])).data, big)).to.equal(0);
        });
    });
});
//# sourceMappingURL=torn-tail.test.js.map
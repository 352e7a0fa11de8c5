import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { readdirSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { segmentBases, segmentFileName } from '../../core/log/segment-names.js';
import { caught, CODES, collect, readAll, recordContent, segmentPath, useLogTestKit } from '../helpers/log-test-kit.js';
describe('file-log', () => {
    const kit = useLogTestKit();
    context('when the log spans many segments', () => {
        async function segmentedLog() {
            const dir = kit.dir();
            const log = await kit.open({ dir, segmentBytes: 512 });
            for (let i = 0; i < 60; i++) {
                if (i % 10 === 9)
                    await log.append(`s${i % 4}`, [{ type: 'batch', data: { i, n: 1 } }, { type: 'batch', data: { i, n: 2 } }]);
                else
                    await log.append(`s${i % 4}`, { type: 'single', data: { i, pad: 'p'.repeat(i * 3) } });
            }
            const records = await readAll(log);
            await log.close();
            return { dir, records };
        }
        it('names segments by the offset of their first record and continues offsets across them', async () => {
            const { dir, records } = await segmentedLog();
            const bases = segmentBases(readdirSync(dir));
            expect(bases.length).to.be.greaterThan(5);
            expect(bases[0]).to.equal(0);
            const starts = new Set(records.map((r) => r.offset));
            for (const base of bases)
                expect(starts.has(base), `segment ${base}`).to.equal(true);
            for (let i = 1; i < records.length; i++)
                expect(records[i].offset).to.equal(records[i - 1].next);
            for (const [i, base] of bases.entries()) {
                const next = bases[i + 1] ?? records[records.length - 1].next;
                expect(statSync(join(dir, segmentFileName(base))).size).to.equal(next - base);
            }
        });
        it('reads forward and backward across segment boundaries, from anywhere, with limits', async () => {
            const { dir, records } = await segmentedLog();
            const log = await kit.open({ dir, segmentBytes: 512 });
            const contents = records.map(recordContent);
            expect((await readAll(log)).map(recordContent)).to.deep.equal(contents);
            expect((await collect(log.readBackward())).map(recordContent)).to.deep.equal([...contents].reverse());
            const bases = segmentBases(readdirSync(dir));
            for (const [i, record] of records.entries()) {
                if (i % 3 !== 0 && !bases.includes(record.offset))
                    continue;
                expect((await collect(log.readForward(record.offset))).map(recordContent)).to.deep.equal(contents.slice(i));
                expect((await collect(log.readForward(record.offset, { limit: 4 }))).map(recordContent)).to.deep.equal(contents.slice(i, i + 4));
                expect((await collect(log.readBackward({ before: record.offset }))).map(recordContent)).to.deep.equal(contents.slice(0, i).reverse());
                expect((await collect(log.readBackward({ before: record.offset, limit: 3 }))).map(recordContent))
                    .to.deep.equal(contents.slice(Math.max(0, i - 3), i).reverse());
                const batch = log.readBatch(record.offset, { maxBytes: 700 });
                expect(batch.records.map(recordContent)).to.deep.equal(contents.slice(i, i + batch.records.length));
                expect(batch.next).to.equal(batch.records[batch.records.length - 1].next);
            }
            expect(await collect(log.readForward(log.end))).to.deep.equal([]);
            expect((await caught(() => collect(log.readForward(log.end + 1)))).code).to.equal(CODES.noRecord);
        });
        it('keeps appending into new segments after a reopen, with revisions intact', async () => {
            const { dir, records } = await segmentedLog();
            rmSync(join(dir, 'streams.ckpt'));
            const log = await kit.open({ dir, segmentBytes: 512 });
            expect(log.end).to.equal(records[records.length - 1].next);
            const before = segmentBases(readdirSync(dir)).length;
            for (let i = 0; i < 20; i++)
                await log.append('s0', { type: 'more', data: 'm'.repeat(50) });
            expect(segmentBases(readdirSync(dir)).length).to.be.greaterThan(before);
            expect(log.streamRevision('s0')).to.equal(records.filter((r) => r.stream === 's0').length + 19);
            expect((await log.verify()).damaged).to.deep.equal([]);
        });
        it('truncates a torn tail only in the last segment', async () => {
            const { dir, records } = await segmentedLog();
            const bases = segmentBases(readdirSync(dir));
            const lastBase = bases[bases.length - 1];
            const end = records[records.length - 1].next;
            truncateSync(segmentPath(dir, lastBase), end - lastBase - 3);
            const log = await kit.open({ dir, segmentBytes: 512 });
            expect(records.slice(-2).map((r) => r.type)).to.deep.equal(['batch', 'batch']);
            const kept = records.slice(0, -2); // the last append was an atomic batch of two: both go
            expect(log.end).to.equal(kept[kept.length - 1].next);
            expect((await readAll(log)).map(recordContent)).to.deep.equal(kept.map(recordContent));
        });
        it('reports, never drops, an earlier segment that ends short', async () => {
            const { dir, records } = await segmentedLog();
            const bases = segmentBases(readdirSync(dir));
            const short = bases[2];
            truncateSync(segmentPath(dir, short), bases[3] - short - 5);
            rmSync(join(dir, 'streams.ckpt'));
            const log = await kit.open({ dir, segmentBytes: 512 });
            expect(log.end).to.equal(records[records.length - 1].next);
            const damaged = (await log.verify()).damaged.map((d) => d.offset);
            expect(damaged.length).to.be.greaterThan(0);
            for (const offset of damaged)
                expect(offset).to.be.within(short, bases[3]);
            for (const record of records.filter((r) => r.offset >= bases[3] || r.next <= bases[3] - 5)) {
                expect(recordContent(log.readSync(record.offset))).to.equal(recordContent(record));
            }
        });
        it('opens with an empty last segment and appends into it', async () => {
            const { dir, records } = await segmentedLog();
            const end = records[records.length - 1].next;
            writeFileSync(segmentPath(dir, end), Buffer.alloc(0));
            const log = await kit.open({ dir, segmentBytes: 512 });
            expect(log.end).to.equal(end);
            const result = await log.append('s1', { type: 'into-empty' });
            expect(result.offsets[0]).to.equal(end);
            expect((await log.read(end)).type).to.equal('into-empty');
        });
    });
    context('when a payload is 64 MiB', () => {
        it('round-trips it byte-exact, also after a reopen that scans it', async function () {
            this.timeout(60_000);
            const dir = kit.dir();
            const payload = randomBytes(64 * 1024 * 1024);
            const log = await kit.open({ dir });
            await log.append('big', { type: 'small' });
            const { offsets, end } = await log.append('big', { type: 'huge', data: payload, meta: { size: payload.length } });
            expect(Buffer.compare((await log.read(offsets[0])).data, payload)).to.equal(0);
            await log.close();
            rmSync(join(dir, 'streams.ckpt'));
            const reopened = await kit.open({ dir });
            expect(reopened.end).to.equal(end);
            const records = await readAll(reopened);
            expect(records.map((r) => r.type)).to.deep.equal(['small', 'huge']);
            expect(Buffer.compare(records[1].data, payload)).to.equal(0);
            const [last] = await collect(reopened.readBackward({ limit: 1 }));
            expect(last.offset).to.equal(offsets[0]);
            expect((await reopened.verify()).damaged).to.deep.equal([]);
        });
    });
});
//# sourceMappingURL=segments.test.js.map
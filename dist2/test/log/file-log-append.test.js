import { expect } from 'chai';
import fc from 'fast-check';
import { anyUnitArb, eventArb, expectRecordMatches, streamNameArb } from '../helpers/event-arbitraries.js';
import { CODES, expectCode, readAll, recordContent, useLogTestKit } from '../helpers/log-test-kit.js';
describe('file-log', () => {
    const kit = useLogTestKit();
    describe('#append', () => {
        it('round-trips random events byte-exact through append, read and reopen', async () => {
            const dir = kit.dir();
            const log = await kit.open({ dir });
            const written = [];
            await fc.assert(fc.asyncProperty(streamNameArb, fc.array(eventArb, { minLength: 1, maxLength: 4 }), async (stream, events) => {
                const before = log.streamRevision(stream) ?? -1;
                const result = await log.append(stream, events);
                expect(result.offsets).to.have.length(events.length);
                expect(result.revisions).to.deep.equal(events.map((_, i) => before + 1 + i));
                expect(result.end).to.equal(log.end);
                for (const [i, event] of events.entries()) {
                    const record = await log.read(result.offsets[i]);
                    expectRecordMatches(record, stream, event);
                    expect(record.revision).to.equal(result.revisions[i]);
                    written.push({ offset: result.offsets[i], stream, event });
                }
            }), { numRuns: 150 });
            const before = (await readAll(log)).map(recordContent);
            await log.close();
            const reopened = await kit.open({ dir });
            const after = await readAll(reopened);
            expect(after.map(recordContent)).to.deep.equal(before);
            expect(after.map((r) => r.offset)).to.deep.equal(written.map((w) => w.offset));
            for (const [i, w] of written.entries())
                expectRecordMatches(after[i], w.stream, w.event);
        });
        it('stamps ts with the current time when the event has none', async () => {
            const log = await kit.open({ dir: kit.dir() });
            const before = Date.now();
            const { offsets } = await log.append('s', { type: 't' });
            const record = await log.read(offsets[0]);
            expect(record.ts).to.be.within(before, Date.now());
            expect(record.data).to.equal(null);
        });
        it('keeps types with any Unicode exactly, or rejects them as invalid', async () => {
            const log = await kit.open({ dir: kit.dir() });
            await fc.assert(fc.asyncProperty(fc.string({ unit: anyUnitArb, minLength: 1, maxLength: 40 }), async (type) => {
                const end = log.end;
                let offset;
                try {
                    offset = (await log.append('s', { type })).offsets[0];
                }
                catch (err) {
                    expect(err.code).to.equal(CODES.invalid);
                    expect(log.end).to.equal(end);
                    return;
                }
                expect((await log.read(offset)).type).to.equal(type);
            }), { numRuns: 200 });
            await expectCode(() => log.append('s', { type: 'a\ud800b' }), CODES.invalid);
        });
        context('when an event is invalid', () => {
            const invalid = [
                ['an empty type', { type: '' }],
                ['a type over 256 characters', { type: 'x'.repeat(257) }],
                ['a negative ts', { type: 't', ts: -1 }],
                ['an infinite ts', { type: 't', ts: Infinity }],
                ['meta that is an array', { type: 't', meta: [1] }],
                ['tags with an empty string', { type: 't', tags: [''] }],
                ['data that is not JSON', { type: 't', data: { big: 1n } }],
                ['data with a cycle', (() => { const a = {}; a.self = a; return { type: 't', data: a }; })()],
                ['no object at all', 42],
            ];
            for (const [what, event] of invalid) {
                it(`rejects ${what} and writes nothing`, async () => {
                    const log = await kit.open({ dir: kit.dir() });
                    await log.append('s', { type: 'ok' });
                    const end = log.end;
                    await expectCode(() => log.append('s', [{ type: 'fine' }, event]), CODES.invalid);
                    expect(log.end).to.equal(end);
                    expect(log.streamRevision('s')).to.equal(0);
                });
            }
            it('rejects stream names outside the allowed characters', async () => {
                const log = await kit.open({ dir: kit.dir() });
                for (const stream of ['', 'a b', 'x'.repeat(201), 'ü', 'a/b']) {
                    await expectCode(() => log.append(stream, { type: 't' }), 'SLUICE_ERR_STREAM_NAME_INVALID');
                }
                expect(log.end).to.equal(0);
            });
            it('rejects an empty append and an empty batch', async () => {
                const log = await kit.open({ dir: kit.dir() });
                await expectCode(() => log.append('s', []), CODES.invalid);
                await expectCode(() => log.appendBatch([]), CODES.invalid);
                await expectCode(() => log.appendBatch([{ stream: 's', events: [] }]), CODES.invalid);
            });
            it('rejects an event larger than the record limit with a typed error', async () => {
                const log = await kit.open({ dir: kit.dir(), maxRecordBytes: 1024 });
                const err = await expectCode(() => log.append('s', { type: 't', data: Buffer.alloc(2000) }), CODES.tooLarge);
                expect(err.details).to.include({ limit: 1024 });
                expect(log.end).to.equal(0);
            });
        });
    });
    describe('#appendBatch', () => {
        it('appends writes to several streams with consecutive offsets and per-stream revisions', async () => {
            const log = await kit.open({ dir: kit.dir() });
            await log.append('a', { type: 'first' });
            const result = await log.appendBatch([
                { stream: 'a', events: [{ type: 'x' }, { type: 'y' }] },
                { stream: 'b', events: [{ type: 'z' }] },
            ]);
            expect(result.revisions).to.deep.equal([1, 2, 0]);
            const records = await readAll(log);
            expect(records.map((r) => r.offset)).to.deep.equal([0, ...result.offsets]);
            for (let i = 1; i < records.length; i++)
                expect(records[i].offset).to.equal(records[i - 1].next);
            expect(result.lastOffset).to.equal(result.offsets[2]);
            expect(result.end).to.equal(records[3].next);
        });
    });
    describe('#read', () => {
        it('rejects offsets that are not non-negative integers', async () => {
            const log = await kit.open({ dir: kit.dir() });
            await log.append('s', { type: 't' });
            for (const offset of [-1, 1.5, NaN, Infinity, 2 ** 60]) {
                await expectCode(() => log.read(offset), CODES.offsetInvalid);
            }
            await expectCode(() => log.read(log.end), CODES.noRecord);
        });
    });
    describe('#onAppend', () => {
        it('tells listeners the new end once the records are readable, until unsubscribed', async () => {
            const log = await kit.open({ dir: kit.dir() });
            const seen = [];
            let previous = log.end;
            const unsubscribe = log.onAppend((end) => {
                seen.push(end);
                expect(log.end).to.equal(end);
                expect(log.readSync(previous).next).to.equal(end);
                previous = end;
            });
            log.onAppend(() => { throw new Error('a failing listener does not break appends'); });
            const first = await log.append('s', { type: 't' });
            expect(seen).to.deep.equal([first.end]);
            unsubscribe();
            await log.append('s', { type: 't' });
            expect(seen).to.have.length(1);
        });
    });
});
//# sourceMappingURL=file-log-append.test.js.map
import { expect } from 'chai';
import fc from 'fast-check';
import { crc32c } from '@node-rs/crc32';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CrashFileSystem } from '../helpers/crash-file-system.js';
import { caught, CODES, expectCode, readAll, useLogTestKit } from '../helpers/log-test-kit.js';
const STREAMS = ['a', 'b', 'c'];
/** A checkpoint with `changes` that still carries a matching checksum (as a buggy writer could leave it). */
function forged(current, changes) {
    const { crc: _crc, ...file } = { ...JSON.parse(current.toString()), ...changes };
    const body = { v: file.v, salt: file.salt, offset: file.offset, streams: file.streams };
    return Buffer.from(JSON.stringify({ ...body, crc: crc32c(JSON.stringify(body)) }));
}
describe('file-log', () => {
    const kit = useLogTestKit();
    describe('#append', () => {
        context('with expectedRevision', () => {
            it('appends when a number equals the last revision, and conflicts, writing nothing, when it does not', async () => {
                const log = await kit.open({ dir: kit.dir() });
                await log.append('s', [{ type: 'e0' }, { type: 'e1' }]);
                for (const wrong of [0, 2, 7]) {
                    const end = log.end;
                    const err = await expectCode(() => log.append('s', { type: 'x' }, { expectedRevision: wrong }), CODES.conflict);
                    expect(err).to.include({ stream: 's', expectedRevision: wrong, currentRevision: 1 });
                    expect(log.end).to.equal(end);
                    expect(log.streamRevision('s')).to.equal(1);
                }
                expect((await log.append('s', { type: 'e2' }, { expectedRevision: 1 })).revisions).to.deep.equal([2]);
                await expectCode(() => log.append('new', { type: 'x' }, { expectedRevision: 0 }), CODES.conflict);
            });
            it('appends to a missing stream with no_stream only, to an existing one with exists only, always with any', async () => {
                const log = await kit.open({ dir: kit.dir() });
                await expectCode(() => log.append('s', { type: 'x' }, { expectedRevision: 'exists' }), CODES.conflict);
                expect(log.end).to.equal(0);
                expect((await log.append('s', { type: 'first' }, { expectedRevision: 'no_stream' })).revisions).to.deep.equal([0]);
                await expectCode(() => log.append('s', { type: 'x' }, { expectedRevision: 'no_stream' }), CODES.conflict);
                expect((await log.append('s', { type: 'second' }, { expectedRevision: 'exists' })).revisions).to.deep.equal([1]);
                expect((await log.append('s', { type: 'third' }, { expectedRevision: 'any' })).revisions).to.deep.equal([2]);
                expect((await log.append('t', { type: 'other' }, { expectedRevision: 'any' })).revisions).to.deep.equal([0]);
                expect((await readAll(log)).map((r) => r.type)).to.deep.equal(['first', 'second', 'third', 'other']);
            });
            it('rejects the whole atomic batch when one write conflicts', async () => {
                const log = await kit.open({ dir: kit.dir() });
                await log.append('a', { type: 'x' });
                const end = log.end;
                await expectCode(() => log.appendBatch([
                    { stream: 'b', events: [{ type: 'y' }], expectedRevision: 'no_stream' },
                    { stream: 'a', events: [{ type: 'z' }], expectedRevision: 5 },
                ]), CODES.conflict);
                expect(log.end).to.equal(end);
                expect(log.streamRevision('b')).to.equal(undefined);
                expect(log.streamRevision('a')).to.equal(0);
                // The same stream twice in a batch: the second write sees the first.
                const result = await log.appendBatch([
                    { stream: 'a', events: [{ type: '1' }], expectedRevision: 0 },
                    { stream: 'a', events: [{ type: '2' }], expectedRevision: 1 },
                ]);
                expect(result.revisions).to.deep.equal([1, 2]);
            });
            it('rejects expectedRevision values that are not revisions', async () => {
                const log = await kit.open({ dir: kit.dir() });
                for (const value of [-1, 1.5, 'latest', null, NaN]) {
                    await expectCode(() => log.append('s', { type: 'x' }, { expectedRevision: value }), CODES.invalid);
                }
                expect(log.end).to.equal(0);
            });
            it('lets exactly one of many concurrent appenders with the same expectation win', async () => {
                const log = await kit.open({ dir: kit.dir() });
                for (let round = 0; round < 10; round++) {
                    const expected = round === 0 ? 'no_stream' : round - 1;
                    const outcomes = await Promise.allSettled(Array.from({ length: 16 }, (_, i) => log.append('race', { type: 'attempt', data: { round, i } }, { expectedRevision: expected })));
                    const won = outcomes.filter((o) => o.status === 'fulfilled');
                    expect(won, `round ${round}`).to.have.length(1);
                    for (const lost of outcomes.filter((o) => o.status === 'rejected')) {
                        expect(lost.reason.code).to.equal(CODES.conflict);
                    }
                    expect(log.streamRevision('race')).to.equal(round);
                }
                expect((await readAll(log)).map((r) => r.revision)).to.deep.equal([...Array(10).keys()]);
            });
            it('matches a model of per-stream revisions for random sequences, also after reopen', async () => {
                const opArb = fc.record({
                    stream: fc.constantFrom(...STREAMS),
                    count: fc.integer({ min: 1, max: 3 }),
                    expected: fc.oneof(fc.constantFrom(undefined, 'any', 'no_stream', 'exists'), fc.integer({ min: 0, max: 6 })),
                });
                await fc.assert(fc.asyncProperty(fc.array(opArb, { maxLength: 25 }), async (ops) => {
                    const fs = new CrashFileSystem();
                    const options = { dir: '/log', fs, lock: false, checkpointBytes: 300 };
                    const log = await kit.open(options);
                    const model = new Map();
                    for (const { stream, count, expected } of ops) {
                        const current = model.get(stream);
                        const holds = expected === undefined || expected === 'any' || (expected === 'no_stream' ? current === undefined
                            : expected === 'exists' ? current !== undefined : current === expected);
                        const events = Array.from({ length: count }, () => ({ type: 'e' }));
                        if (holds) {
                            const result = await log.append(stream, events, { expectedRevision: expected });
                            expect(result.revisions).to.deep.equal(events.map((_, i) => (current ?? -1) + 1 + i));
                            model.set(stream, (current ?? -1) + count);
                        }
                        else {
                            expect((await caught(() => log.append(stream, events, { expectedRevision: expected }))).code).to.equal(CODES.conflict);
                        }
                    }
                    await log.close();
                    const reopened = await kit.open(options);
                    for (const stream of STREAMS)
                        expect(reopened.streamRevision(stream)).to.equal(model.get(stream));
                    await reopened.close();
                }), { numRuns: 100 });
            });
        });
    });
    describe('#streamRevision', () => {
        context('when the log is reopened', () => {
            /** Builds a log whose checkpoint is stale (older than its end); returns the truth. */
            async function staleCheckpointLog() {
                const dir = kit.dir();
                const truth = new Map();
                const appendSome = async (count) => {
                    const log = await kit.open({ dir });
                    for (let i = 0; i < count; i++) {
                        const stream = STREAMS[i % 3];
                        const result = await log.append(stream, { type: 'e', data: { i } });
                        truth.set(stream, result.revisions[0]);
                    }
                    const end = log.end;
                    await log.close();
                    return end;
                };
                await appendSome(10);
                const stale = readFileSync(join(dir, 'streams.ckpt'));
                await appendSome(1);
                const end = await appendSome(7);
                return { dir, truth, end, stale, current: readFileSync(join(dir, 'streams.ckpt')) };
            }
            async function expectTruth(dir, truth, end) {
                const log = await kit.open({ dir });
                expect(log.end).to.equal(end);
                for (const stream of STREAMS)
                    expect(log.streamRevision(stream), stream).to.equal(truth.get(stream));
                expect((await log.verify()).damaged).to.deep.equal([]);
                expect(log.damagedRanges).to.deep.equal([]);
                const next = await log.append('a', { type: 'after' }, { expectedRevision: truth.get('a') });
                expect(next.offsets[0]).to.equal(end);
                await log.close();
            }
            it('rebuilds revisions from the checkpoint and the tail after it', async () => {
                const { dir, truth, end, stale } = await staleCheckpointLog();
                writeFileSync(join(dir, 'streams.ckpt'), stale);
                await expectTruth(dir, truth, end);
            });
            it('rebuilds revisions by a full scan when the checkpoint is missing', async () => {
                const { dir, truth, end } = await staleCheckpointLog();
                rmSync(join(dir, 'streams.ckpt'));
                await expectTruth(dir, truth, end);
            });
            const garbage = [
                ['random bytes', () => randomBytes(200)],
                ['empty', () => Buffer.alloc(0)],
                ['truncated JSON', (current) => current.subarray(0, current.length >> 1)],
                ['another log’s salt', (current) => forged(current, { salt: 12345 })],
                ['an offset beyond the end', (current, end) => forged(current, { offset: end + 1000 })],
                ['a negative offset', (current) => forged(current, { offset: -5 })],
                ['an offset inside the last record', (current, end) => forged(current, { offset: end - 7 })],
                ['an offset inside an earlier record', (current) => forged(current, { offset: 13 })],
                ['a wrong version', (current) => forged(current, { v: 2 })],
                ['no checksum', (current) => Buffer.from(JSON.stringify({ ...JSON.parse(current.toString()), crc: undefined }))],
                ['a revision altered by a flipped bit', (current) => {
                        const text = current.toString();
                        const at = text.indexOf('["a",') + 5;
                        return Buffer.from(text.slice(0, at) + String.fromCharCode(text.charCodeAt(at) ^ 1) + text.slice(at + 1));
                    }],
            ];
            for (const [what, make] of garbage) {
                it(`rebuilds revisions and loses nothing when the checkpoint holds ${what}`, async () => {
                    const { dir, truth, end, current } = await staleCheckpointLog();
                    writeFileSync(join(dir, 'streams.ckpt'), make(current, end));
                    await expectTruth(dir, truth, end);
                });
            }
        });
    });
});
//# sourceMappingURL=stream-revisions.test.js.map
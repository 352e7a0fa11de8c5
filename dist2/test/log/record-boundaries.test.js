import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { segmentFileName } from '../../core/log/segment-names.js';
import { CrashFileSystem } from '../helpers/crash-file-system.js';
import { caught, CODES, collect, readAll, recordContent, segmentPath, useLogTestKit } from '../helpers/log-test-kit.js';
/** Every way to start reading at `offset` fails with NO_RECORD. */
async function expectNoRecordAt(log, offset) {
    expect((await caught(() => log.readSync(offset))).code, `readSync(${offset})`).to.equal(CODES.noRecord);
    expect((await caught(() => log.read(offset))).code, `read(${offset})`).to.equal(CODES.noRecord);
    expect((await caught(() => log.readBatch(offset))).code, `readBatch(${offset})`).to.equal(CODES.noRecord);
    expect((await caught(() => collect(log.readForward(offset)))).code, `readForward(${offset})`).to.equal(CODES.noRecord);
    expect((await caught(() => collect(log.readBackward({ before: offset })))).code, `readBackward(${offset})`).to.equal(CODES.noRecord);
}
/** A u32 little-endian. */
function u32(value) {
    const buf = Buffer.alloc(4);
    buf.writeUInt32LE(value >>> 0);
    return buf;
}
describe('file-log', () => {
    const kit = useLogTestKit();
    describe('#readSync', () => {
        context('when the offset is inside a record', () => {
            it('gives NO_RECORD at every offset inside a few records, before and after a reopen', async () => {
                const dir = kit.dir();
                let log = await kit.open({ dir });
                await log.append('a', { type: 'json', data: { text: 'hello', n: [1, 2, 3] }, meta: { m: 1 }, tags: ['t'] });
                await log.append('b', { type: 'binary', data: Buffer.from('0123456789abcdef'.repeat(4)) });
                await log.append('a', [{ type: 'batch-1', data: 'x' }, { type: 'batch-2', data: null }]);
                const records = await readAll(log);
                for (let pass = 0; pass < 2; pass++) {
                    for (const record of records) {
                        for (let offset = record.offset + 1; offset < record.next; offset++)
                            await expectNoRecordAt(log, offset);
                        expect(recordContent(log.readSync(record.offset))).to.equal(recordContent(record));
                    }
                    await log.close();
                    if (pass === 0)
                        rmSync(join(dir, 'streams.ckpt'));
                    log = await kit.open({ dir });
                }
            });
        });
        context('when a payload carries the bytes of real frames', () => {
            it('never forges a record from a planted frame, even one crafted to chain onto real records', async () => {
                const dir = kit.dir();
                const log = await kit.open({ dir });
                for (let i = 0; i < 3; i++)
                    await log.append('victim', { type: 'v', data: { i, secret: 'real' } });
                const segment = readFileSync(segmentPath(dir));
                const records = await readAll(log);
                const frame = (r) => segment.subarray(r.offset, r.next);
                const chain = Buffer.concat(records.map(frame));
                const first = records[0];
                // The carrier's payload starts after its frame header (16), fixed body fields (20), stream and type.
                const carrierOffset = log.end;
                const payloadBase = carrierOffset + 16 + 20 + 'carrier'.length + 'c'.length;
                // A planted header whose claimed length ends exactly at the carrier's real end, and one whose preceding
                // four bytes pose as the trailer of the first real record.
                const parts = [Buffer.from('lead-in'), frame(first), Buffer.from([1, 2, 3]), chain];
                const fakeTrailerAt = payloadBase + parts.reduce((n, p) => n + p.length, 0) + 4;
                parts.push(u32(fakeTrailerAt - first.offset - 20), frame(first));
                const plantedEndAt = payloadBase + parts.reduce((n, p) => n + p.length, 0);
                const tail = Buffer.alloc(40);
                parts.push(tail);
                const carrierEnd = payloadBase + parts.reduce((n, p) => n + p.length, 0) + 4;
                tail.writeUInt32LE(carrierEnd - plantedEndAt - 20, 4); // the header at plantedEndAt claims to end at the carrier's end
                const payload = Buffer.concat(parts);
                const carrier = await log.append('carrier', { type: 'c', data: payload });
                expect(carrier.offsets[0]).to.equal(carrierOffset);
                expect(carrier.end).to.equal(carrierEnd);
                const stored = log.readSync(carrierOffset).data;
                expect(Buffer.compare(stored, payload)).to.equal(0);
                const planted = [];
                for (let i = 0; i + 20 <= payload.length; i++) {
                    if (payload.readUInt32LE(i + 4) >= 20 && payload.readUInt32LE(i + 4) < 1000)
                        planted.push(payloadBase + i);
                }
                expect(planted).to.include(fakeTrailerAt);
                expect(planted).to.include(plantedEndAt);
                for (let offset = carrierOffset + 1; offset < carrierEnd; offset++)
                    await expectNoRecordAt(log, offset);
                expect((await log.verify()).damaged).to.deep.equal([]);
                await log.close();
                rmSync(join(dir, 'streams.ckpt'));
                const reopened = await kit.open({ dir });
                expect(reopened.end).to.equal(carrierEnd);
                expect((await readAll(reopened)).map((r) => r.stream)).to.deep.equal(['victim', 'victim', 'victim', 'carrier']);
                for (const offset of planted)
                    await expectNoRecordAt(reopened, offset);
            });
            it('returns a record at a random offset only where a real record starts', async () => {
                const dir = kit.dir();
                const log = await kit.open({ dir });
                const first = await log.append('s', { type: 't', data: { hello: 'world' } });
                const frameBytes = () => readFileSync(segmentPath(dir)).subarray(0, first.end);
                await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), fc.nat(3), async (noise, copies) => {
                    const payload = Buffer.concat([Buffer.from(noise), ...Array.from({ length: copies }, frameBytes)]);
                    await log.append('s', { type: 't', data: payload });
                }), { numRuns: 40 });
                const records = await readAll(log);
                const starts = new Map(records.map((r) => [r.offset, r]));
                await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: log.end - 1 }), async (offset) => {
                    const real = starts.get(offset);
                    if (real)
                        expect(recordContent(log.readSync(offset))).to.equal(recordContent(real));
                    else
                        expect((await caught(() => log.readSync(offset))).code).to.equal(CODES.noRecord);
                }), { numRuns: 2000 });
            });
        });
        context('when a record header is adversarial', () => {
            it('gives a typed error and allocates no more than the bytes that exist', async () => {
                const fs = new CrashFileSystem();
                const log = await kit.open({ dir: '/log', fs, lock: false, maxRecordBytes: 1 << 20 });
                for (let i = 0; i < 6; i++)
                    await log.append('s', { type: 't', data: { i, pad: 'z'.repeat(i * 30) } });
                const records = await readAll(log);
                await log.close();
                const path = `/log/${segmentFileName(0)}`;
                const original = fs.contentOf(path);
                const lengthArb = fc.oneof(fc.constantFrom(0, 1, 19, 20, 0xffffffff, 0x80000000, 1 << 20, (1 << 20) + 1, (1 << 20) + 20), fc.integer({ min: 0, max: 0xffffffff }));
                await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: records.length - 1 }), lengthArb, fc.uint8Array({ minLength: 12, maxLength: 12 }), fc.boolean(), async (index, length, noise, keepCrc) => {
                    const target = records[index];
                    const damaged = Buffer.from(original);
                    if (!keepCrc)
                        damaged.set(noise.subarray(0, 4), target.offset);
                    damaged.writeUInt32LE(length, target.offset + 4);
                    damaged.set(noise.subarray(4, 12), target.offset + 8);
                    fc.pre(!damaged.equals(original));
                    const copy = new CrashFileSystem({ image: fs.processCrashImage() });
                    copy.setContent(path, damaged);
                    copy.remove('/log/streams.ckpt');
                    const reopened = await kit.open({ dir: '/log', fs: copy, lock: false, maxRecordBytes: 1 << 20 });
                    try {
                        copy.largestReadBuffer = 0;
                        for (const record of records) {
                            if (record.offset < target.offset) {
                                expect(recordContent(reopened.readSync(record.offset))).to.equal(recordContent(record));
                            }
                            else if (record.offset === target.offset && record.offset < reopened.end) {
                                expect([CODES.corrupt, CODES.noRecord]).to.include((await caught(() => reopened.readSync(record.offset))).code);
                            }
                        }
                        expect(copy.largestReadBuffer).to.be.at.most(Math.max(16 * 1024, damaged.length));
                    }
                    finally {
                        await reopened.close();
                    }
                }), { numRuns: 300 });
            });
        });
    });
});
//# sourceMappingURL=record-boundaries.test.js.map
import { expect } from 'chai';
import fc from 'fast-check';
import { prepareEvent } from '../../core/log/event-codec.js';
import { checkFrame, decodeFrame, frameBytes, framePayload, frameSyncedEnd, writeFrame, FRAME_CHECKSUM, FRAME_MALFORMED, FRAME_OVERHEAD, FRAME_SHORT, } from '../../core/log/frame-codec.js';
import { FrameCursor, findNextValidFrame } from '../../core/log/frame-cursor.js';
import { CrashFileSystem } from '../helpers/crash-file-system.js';
import { eventArb, expectRecordMatches, streamNameArb } from '../helpers/event-arbitraries.js';
const MAX_BODY = 1 << 20;
const offsetArb = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - MAX_BODY });
const saltArb = fc.integer({ min: 0, max: 0xffffffff });
const FAILURES = [FRAME_SHORT, FRAME_MALFORMED, FRAME_CHECKSUM];
function frameFor(stream, event, offset, salt, revision = 7) {
    const prepared = prepareEvent(stream, event, 1_700_000_000_000);
    const buf = Buffer.alloc(frameBytes(prepared.bodyBytes));
    writeFrame(buf, 0, offset, salt, Math.min(offset, 123456), prepared, revision, true);
    return buf;
}
/** A header claiming `length` bytes of body, with random checksum and synced-end bytes. */
const adversarialLengthArb = fc.oneof(fc.constantFrom(0, 1, 19, 20, 0xffffffff, 0x7fffffff, MAX_BODY, MAX_BODY + 1, MAX_BODY + 2), fc.integer({ min: 0, max: 0xffffffff }));
function fileWith(content) {
    const fs = new CrashFileSystem();
    fs.setContent('/d/f', content);
    return { fs, file: fs.openFile('/d/f', 'read') };
}
describe('frame-codec', () => {
    describe('#writeFrame', () => {
        it('round-trips random events byte-exact through checkFrame and decodeFrame', () => {
            fc.assert(fc.property(streamNameArb, eventArb, offsetArb, saltArb, fc.integer({ min: 0, max: 0xfffffffe }), (stream, event, offset, salt, revision) => {
                const buf = frameFor(stream, event, offset, salt, revision);
                expect(checkFrame(buf, 0, buf.length, offset, salt, MAX_BODY)).to.equal(buf.length);
                const record = decodeFrame(buf, 0, offset);
                expect(record.offset).to.equal(offset);
                expect(record.next).to.equal(offset + buf.length);
                expect(record.revision).to.equal(revision);
                expectRecordMatches(record, stream, event);
                const { payload } = framePayload(buf, 0);
                const expected = event.data instanceof Uint8Array ? Buffer.from(event.data) : Buffer.from(JSON.stringify(event.data ?? null));
                expect(Buffer.compare(payload, expected)).to.equal(0);
                expect(frameSyncedEnd(buf, 0)).to.equal(Math.min(offset, 123456));
            }), { numRuns: 300 });
        });
        it('adds exactly 20 bytes of frame overhead to the body', () => {
            const prepared = prepareEvent('s', { type: 't', data: { a: 1 } }, 0);
            expect(frameBytes(prepared.bodyBytes) - prepared.bodyBytes).to.equal(FRAME_OVERHEAD).and.to.be.at.most(24);
        });
    });
    describe('#checkFrame', () => {
        it('rejects a frame after any single-byte change', () => {
            fc.assert(fc.property(streamNameArb, eventArb, offsetArb, saltArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (stream, event, offset, salt, at, xor) => {
                const buf = frameFor(stream, event, offset, salt);
                const pos = at % buf.length;
                buf[pos] ^= xor;
                expect(FAILURES).to.include(checkFrame(buf, 0, buf.length, offset, salt, MAX_BODY));
            }), { numRuns: 500 });
        });
        it('rejects a valid frame checked at another offset or under another salt', () => {
            fc.assert(fc.property(streamNameArb, eventArb, offsetArb, offsetArb, saltArb, saltArb, (stream, event, offset, other, salt, otherSalt) => {
                fc.pre(other !== offset && otherSalt !== salt);
                const buf = frameFor(stream, event, offset, salt);
                expect(checkFrame(buf, 0, buf.length, other, salt, MAX_BODY)).to.equal(FRAME_CHECKSUM);
                expect(checkFrame(buf, 0, buf.length, offset, otherSalt, MAX_BODY)).to.equal(FRAME_CHECKSUM);
            }), { numRuns: 300 });
        });
        it('reports a frame cut short as FRAME_SHORT', () => {
            fc.assert(fc.property(streamNameArb, eventArb, fc.nat(), (stream, event, cut) => {
                const buf = frameFor(stream, event, 0, 1);
                const available = cut % buf.length;
                expect(checkFrame(buf, 0, available, 0, 1, MAX_BODY)).to.equal(FRAME_SHORT);
            }), { numRuns: 200 });
        });
        context('when the header is adversarial', () => {
            it('returns a failure code for lengths 0, 0xFFFFFFFF, just beyond the maximum and random values', () => {
                fc.assert(fc.property(eventArb, adversarialLengthArb, fc.uint8Array({ minLength: 12, maxLength: 12 }), (event, length, noise) => {
                    const buf = frameFor('s', event, 64, 9);
                    const original = buf.readUInt32LE(4);
                    fc.pre(length !== original);
                    buf.writeUInt32LE(length, 4);
                    buf.set(noise.subarray(0, 4), 0);
                    buf.set(noise.subarray(4, 12), 8);
                    expect(FAILURES).to.include(checkFrame(buf, 0, buf.length, 64, 9, MAX_BODY));
                }), { numRuns: 300 });
            });
            it('returns a failure code for buffers of random bytes', () => {
                fc.assert(fc.property(fc.uint8Array({ maxLength: 2048 }), offsetArb, saltArb, (bytes, offset, salt) => {
                    const buf = Buffer.from(bytes);
                    expect(FAILURES).to.include(checkFrame(buf, 0, buf.length, offset, salt, MAX_BODY));
                }), { numRuns: 300 });
            });
        });
    });
});
describe('frame-cursor', () => {
    describe('FrameCursor#next', () => {
        it('walks valid frames and stops with a failure code at planted adversarial headers, within the bytes that exist', () => {
            fc.assert(fc.property(fc.array(eventArb, { minLength: 1, maxLength: 5 }), adversarialLengthArb, fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 20, max: 512 }), (events, length, garbage, chunk) => {
                const salt = 5;
                const frames = [];
                let offset = 0;
                for (const event of events) {
                    const frame = frameFor('s', event, offset, salt);
                    frames.push(frame);
                    offset += frame.length;
                }
                const header = Buffer.alloc(16);
                header.writeUInt32LE(length, 4);
                const content = Buffer.concat([...frames, header, garbage]);
                const { fs, file } = fileWith(content);
                const cursor = new FrameCursor(file, 0, 0, content.length, salt, MAX_BODY, chunk);
                for (const frame of frames)
                    expect(cursor.next()).to.equal(frame.length);
                expect(FAILURES).to.include(cursor.next());
                expect(cursor.offset).to.equal(offset);
                expect(fs.largestReadBuffer).to.be.at.most(Math.max(chunk, content.length));
            }), { numRuns: 200 });
        });
        it('never throws on random files and allocates at most the file size', () => {
            fc.assert(fc.property(fc.uint8Array({ maxLength: 4096 }), fc.integer({ min: 20, max: 1024 }), (bytes, chunk) => {
                const content = Buffer.from(bytes);
                const { fs, file } = fileWith(content);
                const cursor = new FrameCursor(file, 0, 0, content.length, 3, MAX_BODY, chunk);
                const r = cursor.next();
                expect(r === 0 || FAILURES.includes(r)).to.equal(true);
                expect(findNextValidFrame(file, 0, 0, content.length, 3, MAX_BODY)).to.equal(undefined);
                expect(fs.largestReadBuffer).to.be.at.most(Math.max(chunk, content.length));
            }), { numRuns: 200 });
        });
        it('does not allocate a body that a 4 GiB header claims', () => {
            const header = Buffer.alloc(64);
            header.writeUInt32LE(0xffffffff, 4);
            const { fs, file } = fileWith(header);
            const cursor = new FrameCursor(file, 0, 0, header.length, 3, 0xffffffff, 32);
            expect(cursor.next()).to.equal(FRAME_SHORT);
            expect(fs.largestReadBuffer).to.be.at.most(64);
        });
    });
    describe('#findNextValidFrame', () => {
        it('finds the first valid frame after garbage', () => {
            fc.assert(fc.property(fc.uint8Array({ minLength: 1, maxLength: 600 }), eventArb, (garbage, event) => {
                const frame = frameFor('s', event, garbage.length, 11);
                const content = Buffer.concat([Buffer.from(garbage), frame]);
                const { file } = fileWith(content);
                expect(findNextValidFrame(file, 0, 0, content.length, 11, MAX_BODY)).to.equal(garbage.length);
            }), { numRuns: 100 });
        });
    });
});
//# sourceMappingURL=frame-codec.test.js.map
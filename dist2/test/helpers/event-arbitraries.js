// fast-check generators for log events, and the byte-exact comparison of an event with the record read back.
import { expect } from 'chai';
import fc from 'fast-check';
/** One UTF-16 unit or code point: anything from full Unicode, lone surrogates included. */
export const anyUnitArb = fc.oneof({ weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: fc.integer({ min: 0xd800, max: 0xdfff }).map((unit) => String.fromCharCode(unit)) });
const STREAM_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@-'.split('');
export const streamNameArb = fc.string({ unit: fc.constantFrom(...STREAM_CHARS), minLength: 1, maxLength: 200 });
/** Well-formed Unicode types of 1-256 UTF-16 units. */
export const eventTypeArb = fc
    .string({ unit: 'grapheme', minLength: 1, maxLength: 64 })
    .filter((type) => type.length <= 256);
/** JSON values with any code point, lone surrogates included (JSON text escapes them). */
export const jsonDataArb = fc.jsonValue({ stringUnit: anyUnitArb, maxDepth: 4 });
export const binaryDataArb = fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes));
export const metaArb = fc.dictionary(fc.string({ unit: anyUnitArb, maxLength: 12 }), jsonDataArb, { maxKeys: 4 });
export const tagsArb = fc.array(fc.string({ unit: anyUnitArb, minLength: 1, maxLength: 20 }), { maxLength: 5 });
export const eventArb = fc.record({
    type: eventTypeArb,
    data: fc.oneof(jsonDataArb, binaryDataArb, fc.constant(undefined)),
    meta: metaArb,
    tags: tagsArb,
    ts: fc.oneof(fc.integer({ min: 0, max: 2 ** 47 }), fc.double({ min: 0, max: 1e15, noNaN: true, noDefaultInfinity: true })),
}, { requiredKeys: ['type'] });
/** Asserts `record` carries exactly `event` (payload bytes, JSON text, meta, tags, ts). */
export function expectRecordMatches(record, stream, event) {
    expect(record.stream).to.equal(stream);
    expect(record.type).to.equal(event.type);
    if (event.ts !== undefined)
        expect(Object.is(record.ts, event.ts), `ts ${record.ts} vs ${event.ts}`).to.equal(true);
    if (event.data instanceof Uint8Array) {
        expect(record.binary).to.equal(true);
        expect(Buffer.compare(record.data, Buffer.from(event.data))).to.equal(0);
    }
    else {
        expect(record.binary).to.equal(false);
        expect(JSON.stringify(record.data)).to.equal(JSON.stringify(event.data === undefined ? null : event.data));
    }
    expect(JSON.stringify(record.meta)).to.equal(JSON.stringify(event.meta));
    expect(record.tags).to.deep.equal(event.tags);
}
//# sourceMappingURL=event-arbitraries.js.map
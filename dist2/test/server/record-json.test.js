import { expect } from 'chai';
import fc from 'fast-check';
import { recordLine, recordToJson } from '../../core/wire/record-json.js';
import { encodeBinaryItems, encodeSse } from '../helpers/wire-reference.js';
import { parseBinaryItems, parseSse } from '../helpers/http-fixture.js';
const json = fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.parse(JSON.stringify(v)));
const record = fc.record({
    offset: fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER - 1000 }),
    stream: fc.stringMatching(/^[A-Za-z0-9._:@-]{1,20}$/),
    revision: fc.nat(),
    type: fc.string({ minLength: 1, maxLength: 20 }),
    ts: fc.nat(),
    binary: fc.boolean(),
    json,
    bytes: fc.uint8Array({ maxLength: 40 }),
    meta: fc.option(fc.dictionary(fc.string({ maxLength: 5 }), json), { nil: undefined }),
    tags: fc.option(fc.array(fc.string({ minLength: 1, maxLength: 5 }), { maxLength: 3 }), { nil: undefined }),
    size: fc.integer({ min: 1, max: 1000 }),
}).map((r) => ({
    offset: r.offset, next: r.offset + r.size, stream: r.stream, revision: r.revision, type: r.type, ts: r.ts,
    binary: r.binary, data: r.binary ? Buffer.from(r.bytes) : r.json, meta: r.meta, tags: r.tags,
}));
describe('server: record-json', () => {
    describe('#recordLine', () => {
        it('equals JSON.stringify of recordToJson for any record', () => {
            fc.assert(fc.property(record, (r) => {
                expect(recordLine(r)).to.equal(JSON.stringify(recordToJson(r)));
            }), { numRuns: 500 });
        });
    });
    describe('#encodeSse', () => {
        it('round-trips through an SSE parser', () => {
            fc.assert(fc.property(record, (r) => {
                const [event] = parseSse(encodeSse(r));
                expect(event).to.deep.equal({ id: String(r.offset), event: 'record', data: recordLine(r) });
            }), { numRuns: 200 });
        });
    });
    describe('#encodeBinaryItems', () => {
        it('writes u64 offsets (also above 2^32), u32 lengths and payloads', () => {
            fc.assert(fc.property(fc.array(record, { maxLength: 5 }), (records) => {
                const items = parseBinaryItems(encodeBinaryItems(records));
                expect(items.map((i) => i.offset)).to.deep.equal(records.map((r) => r.offset));
                records.forEach((r, i) => {
                    const expected = r.binary ? Buffer.from(r.data) : Buffer.from(JSON.stringify(r.data));
                    expect(Buffer.compare(items[i].payload, expected)).to.equal(0);
                });
            }), { numRuns: 300 });
        });
    });
});
//# sourceMappingURL=record-json.test.js.map
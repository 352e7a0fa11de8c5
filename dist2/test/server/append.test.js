import { expect } from 'chai';
import { Readable } from 'node:stream';
import { request as httpRequest } from 'node:http';
import { openHttpFixture } from '../helpers/http-fixture.js';
describe('server: POST /streams/:stream', () => {
    let fx;
    beforeEach(async () => { fx = await openHttpFixture({ limits: { maxBodyBytes: 1024, maxBatchEvents: 5 } }); });
    afterEach(async () => fx.close());
    const post = (stream, payload, headers = { 'content-type': 'application/json' }, query = '') => fx.app.inject({ method: 'POST', url: `/streams/${stream}${query}`, headers, payload: typeof payload === 'string' || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload) });
    context('when the body is one JSON event', () => {
        it('appends it and answers 201 with offsets, revisions and lastOffset', async () => {
            const res = await post('acct-1', { type: 'Deposited', data: { amount: 5 }, meta: { by: 'me' }, tags: ['money'] });
            expect(res.statusCode).to.equal(201);
            const body = res.json();
            expect(body).to.deep.equal({ stream: 'acct-1', offsets: [0], revisions: [0], lastOffset: 0 });
            const record = await fx.store.log.read(0);
            expect(record).to.include({ stream: 'acct-1', type: 'Deposited', revision: 0, binary: false });
            expect(record.data).to.deep.equal({ amount: 5 });
            expect(record.meta).to.deep.equal({ by: 'me' });
            expect(record.tags).to.deep.equal(['money']);
        });
        it('accepts every stream-name character and 200-character names', async () => {
            for (const name of ['a.b_c:d@e-F9', 'x'.repeat(200)]) {
                expect((await post(name, { type: 't' })).statusCode).to.equal(201);
            }
        });
    });
    context('when a JSON event carries its payload as base64 (encoding: "base64")', () => {
        it('stores the decoded bytes byte-exact, as a binary event', async () => {
            const bytes = Buffer.from([0, 1, 2, 250, 255]);
            const res = await post('bin', { events: [{ type: 'blob', data: bytes.toString('base64'), encoding: 'base64' }, { type: 'j', data: 1 }] });
            expect(res.statusCode).to.equal(201);
            const record = await fx.store.log.read(res.json().offsets[0]);
            expect(record.binary).to.equal(true);
            expect(Buffer.compare(record.data, bytes)).to.equal(0);
        });
        it('answers 400 for another encoding or data that is not base64 text, appending nothing', async () => {
            for (const event of [{ type: 't', data: 'AAAA', encoding: 'hex' }, { type: 't', data: 'not base64!', encoding: 'base64' }, { type: 't', data: 5, encoding: 'base64' }]) {
                const res = await post('bin', event);
                expect(res.statusCode, JSON.stringify(event)).to.equal(400);
                expect(res.json().code).to.equal('SLUICE_ERR_EVENT_INVALID');
            }
            expect(fx.store.log.end).to.equal(0);
        });
    });
    context('when the body is a JSON batch', () => {
        it('appends all events atomically with consecutive revisions', async () => {
            const res = await post('s', { events: [{ type: 'a', data: 1 }, { type: 'b', data: 2 }, { type: 'c' }], expectedRevision: 'no_stream' });
            expect(res.statusCode).to.equal(201);
            const body = res.json();
            expect(body.revisions).to.deep.equal([0, 1, 2]);
            expect(body.offsets).to.have.length(3);
            expect(body.lastOffset).to.equal(body.offsets[2]);
        });
        it('answers 409 with currentRevision when expectedRevision does not hold, writing nothing', async () => {
            await post('s', { type: 'a' });
            const end = fx.store.log.end;
            for (const expectedRevision of [5, 'no_stream']) {
                const res = await post('s', { events: [{ type: 'b' }], expectedRevision });
                expect(res.statusCode).to.equal(409);
                expect(res.json()).to.include({ statusCode: 409, code: 'SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION', error: 'Conflict', currentRevision: 0 });
            }
            const missing = await post('other', { events: [{ type: 'b' }], expectedRevision: 'exists' });
            expect(missing.statusCode).to.equal(409);
            expect(missing.json().currentRevision).to.equal(null);
            expect(fx.store.log.end).to.equal(end);
            expect((await post('s', { events: [{ type: 'b' }], expectedRevision: 0 })).statusCode).to.equal(201);
        });
        it('takes expectedRevision from the query string too', async () => {
            await post('s', { type: 'a' });
            expect((await post('s', { type: 'b' }, undefined, '?expectedRevision=3')).statusCode).to.equal(409);
            expect((await post('s', { type: 'b' }, undefined, '?expectedRevision=0')).statusCode).to.equal(201);
            expect((await post('s', { events: [{ type: 'c' }], expectedRevision: 0 }, undefined, '?expectedRevision=1')).json().code).to.equal('SLUICE_ERR_EVENT_INVALID');
        });
    });
    context('when the body is not JSON', () => {
        it('stores the raw bytes byte-exact with type and expectedRevision from the query', async () => {
            const bytes = Buffer.from([0, 1, 2, 255, 254, 0x7b]);
            const res = await post('bin', bytes, { 'content-type': 'application/octet-stream' }, '?type=Blob&expectedRevision=no_stream');
            expect(res.statusCode).to.equal(201);
            const record = await fx.store.log.read(res.json().lastOffset);
            expect(record.binary).to.equal(true);
            expect(Buffer.compare(record.data, bytes)).to.equal(0);
            const text = await post('bin', 'plain text', { 'content-type': 'text/plain' }, '?type=Note');
            expect(text.statusCode).to.equal(201);
            expect(String((await fx.store.log.read(text.json().lastOffset)).data)).to.equal('plain text');
            expect((await post('bin', bytes, { 'content-type': 'image/png' }, '?type=Img&expectedRevision=0')).statusCode).to.equal(409);
        });
        it('rejects a raw body without ?type= (400)', async () => {
            const res = await post('bin', 'x', { 'content-type': 'text/plain' });
            expect(res.statusCode).to.equal(400);
            expect(res.json().code).to.equal('SLUICE_ERR_EVENT_INVALID');
        });
        it('rejects a body without Content-Type (415)', async () => {
            const res = await fx.app.inject({ method: 'POST', url: '/streams/s?type=x', payload: Buffer.from('abc'), headers: { 'content-type': undefined } });
            expect(res.statusCode).to.equal(415);
            expect(res.json().code).to.equal('SLUICE_ERR_HTTP_UNSUPPORTED_MEDIA_TYPE');
        });
    });
    context('when the request is invalid', () => {
        const cases = [
            ['an array body', [1, 2], 'SLUICE_ERR_EVENT_INVALID'],
            ['a missing type', { data: 1 }, 'SLUICE_ERR_EVENT_INVALID'],
            ['a non-string type', { type: 5 }, 'SLUICE_ERR_EVENT_INVALID'],
            ['an unknown event field', { type: 'a', extra: 1 }, 'SLUICE_ERR_EVENT_INVALID'],
            ['an unknown batch field', { events: [{ type: 'a' }], extra: 1 }, 'SLUICE_ERR_EVENT_INVALID'],
            ['an empty batch', { events: [] }, 'SLUICE_ERR_EVENT_INVALID'],
            ['too many events', { events: Array.from({ length: 6 }, () => ({ type: 'a' })) }, 'SLUICE_ERR_EVENT_INVALID'],
            ['a bad expectedRevision', { events: [{ type: 'a' }], expectedRevision: -1 }, 'SLUICE_ERR_EVENT_INVALID'],
            ['non-object meta', { type: 'a', meta: [1] }, 'SLUICE_ERR_EVENT_INVALID'],
            ['bad tags', { type: 'a', tags: [''] }, 'SLUICE_ERR_EVENT_INVALID'],
            ['a bad ts', { type: 'a', ts: -5 }, 'SLUICE_ERR_EVENT_INVALID'],
            ['broken JSON', '{"type":', 'SLUICE_ERR_HTTP_BAD_REQUEST'],
            ['prototype poisoning', '{"type":"a","__proto__":{"x":1}}', 'SLUICE_ERR_HTTP_BAD_REQUEST'],
        ];
        for (const [what, body, code] of cases) {
            it(`answers 400 ${code} for ${what} and leaves the log unchanged`, async () => {
                const res = await post('s', body);
                expect(res.statusCode).to.equal(400);
                expect(res.json()).to.have.keys(['statusCode', 'code', 'error', 'message']);
                expect(res.json().code).to.equal(code);
                expect(fx.store.log.end).to.equal(0);
            });
        }
        it('rejects bad stream names with 400 SLUICE_ERR_STREAM_NAME_INVALID', async () => {
            for (const name of ['has%20space', 'x'.repeat(201), 'sl%2Fash', 'star*']) {
                const res = await post(name, { type: 'a' });
                expect(res.statusCode, name).to.equal(400);
                expect(res.json().code).to.equal('SLUICE_ERR_STREAM_NAME_INVALID');
            }
            expect(fx.store.log.end).to.equal(0);
        });
        it('rejects an oversized body with 413 (Content-Length), nothing appended', async () => {
            const res = await post('s', { type: 'a', data: 'x'.repeat(2000) });
            expect(res.statusCode).to.equal(413);
            expect(res.json().code).to.equal('SLUICE_ERR_HTTP_BODY_TOO_LARGE');
            const raw = await post('s', Buffer.alloc(2000), { 'content-type': 'application/octet-stream' }, '?type=x');
            expect(raw.statusCode).to.equal(413);
            expect(fx.store.log.end).to.equal(0);
        });
        it('rejects an oversized chunked body (no Content-Length) with 413', async () => {
            for (const contentType of ['application/octet-stream', 'application/json']) {
                const res = await fx.app.inject({
                    method: 'POST', url: '/streams/s?type=x', headers: { 'content-type': contentType },
                    payload: Readable.from([Buffer.alloc(600, 0x20), Buffer.alloc(600, 0x20)]),
                });
                expect(res.statusCode, contentType).to.equal(413);
            }
            expect(fx.store.log.end).to.equal(0);
        });
        it('rejects an oversized chunked body over a real socket with 413', async () => {
            const url = await fx.listen();
            const status = await new Promise((resolve, reject) => {
                const req = httpRequest(`${url}/streams/s?type=x`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', 'transfer-encoding': 'chunked' } }, (res) => {
                    res.resume();
                    resolve(res.statusCode ?? 0);
                });
                req.on('error', reject);
                for (let i = 0; i < 10; i++)
                    req.write(Buffer.alloc(500));
                req.end();
            });
            expect(status).to.equal(413);
            expect(fx.store.log.end).to.equal(0);
        });
        it('answers 406 when the client accepts no JSON', async () => {
            const res = await fx.app.inject({ method: 'POST', url: '/streams/s', headers: { 'content-type': 'application/json', accept: 'text/html' }, payload: '{"type":"a"}' });
            expect(res.statusCode).to.equal(406);
            expect(res.json().code).to.equal('SLUICE_ERR_HTTP_NOT_ACCEPTABLE');
            expect(fx.store.log.end).to.equal(0);
        });
    });
});
//# sourceMappingURL=append.test.js.map
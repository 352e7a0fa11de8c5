import { expect } from 'chai';
import { openHttpFixture, parseBinaryItems, parseNdjson, parseSse } from '../helpers/http-fixture.js';
describe('server: GET /log', () => {
    let fx;
    let offsets;
    beforeEach(async () => {
        fx = await openHttpFixture({ limits: { defaultPageSize: 3, maxPageSize: 4, maxWaitMs: 2000 } });
        offsets = [];
        for (let i = 0; i < 5; i++)
            offsets.push((await fx.store.append(`s-${i % 2}`, { type: 'T', data: { i }, tags: i === 0 ? ['first'] : undefined })).lastOffset);
        offsets.push((await fx.store.append('bin', { type: 'B', data: Buffer.from([1, 2, 3]) })).lastOffset);
    });
    afterEach(async () => fx.close());
    describe('#GET /log/:offset', () => {
        it('returns the record starting there plus next', async () => {
            const res = await fx.app.inject(`/log/${offsets[1]}`);
            expect(res.statusCode).to.equal(200);
            const body = res.json();
            expect(body).to.include({ offset: offsets[1], stream: 's-1', revision: 0, type: 'T', next: offsets[2] });
            expect(body.data).to.deep.equal({ i: 1 });
            expect(body.ts).to.be.a('number');
            expect((await fx.app.inject(`/log/${offsets[0]}`)).json().tags).to.deep.equal(['first']);
        });
        it('renders binary payloads as base64', async () => {
            const body = (await fx.app.inject(`/log/${offsets[5]}`)).json();
            expect(body).to.include({ data: 'AQID', encoding: 'base64' });
        });
        it('answers 404 when no record starts at the offset, 400 for a non-offset', async () => {
            const inside = await fx.app.inject(`/log/${offsets[1] + 1}`);
            expect(inside.statusCode).to.equal(404);
            expect(inside.json().code).to.equal('SLUICE_ERR_LOG_NO_RECORD');
            expect((await fx.app.inject(`/log/${fx.store.log.end + 100}`)).statusCode).to.equal(404);
            for (const bad of ['abc', '-1', '1.5']) {
                const res = await fx.app.inject(`/log/${bad}`);
                expect(res.statusCode, bad).to.equal(400);
                expect(res.json().code).to.equal('SLUICE_ERR_LOG_OFFSET_INVALID');
            }
        });
    });
    describe('#GET /log as JSON', () => {
        it('pages through the log with next and end', async () => {
            const first = (await fx.app.inject('/log')).json();
            expect(first.records.map((r) => r.offset)).to.deep.equal(offsets.slice(0, 3));
            expect(first.next).to.equal(offsets[3]);
            expect(first.end).to.equal(fx.store.log.end);
            const second = (await fx.app.inject(`/log?from=${first.next}&limit=100`)).json();
            expect(second.records.map((r) => r.offset)).to.deep.equal(offsets.slice(3));
            expect(second.next).to.equal(fx.store.log.end);
            const empty = (await fx.app.inject(`/log?from=${second.next}`)).json();
            expect(empty).to.deep.equal({ records: [], next: second.next, end: second.next });
        });
        it('clamps limit to the configured page size', async () => {
            expect((await fx.app.inject('/log?limit=1000')).json().records).to.have.length(4);
        });
        it('continues after a record with ?after=', async () => {
            const body = (await fx.app.inject(`/log?after=${offsets[3]}&limit=1`)).json();
            expect(body.records[0].offset).to.equal(offsets[4]);
        });
        it('rejects bad parameters with codes naming them', async () => {
            const cases = [
                ['/log?from=abc', 400, 'SLUICE_ERR_LOG_OFFSET_INVALID'],
                ['/log?from=-3', 400, 'SLUICE_ERR_LOG_OFFSET_INVALID'],
                ['/log?limit=0', 400, 'SLUICE_ERR_HTTP_BAD_REQUEST'],
                ['/log?live=maybe', 400, 'SLUICE_ERR_HTTP_BAD_REQUEST'],
                [`/log?from=${offsets[1] + 1}`, 404, 'SLUICE_ERR_LOG_NO_RECORD'],
                ['/log?from=999999', 404, 'SLUICE_ERR_LOG_NO_RECORD'],
                [`/log?after=${offsets[1] + 1}`, 404, 'SLUICE_ERR_LOG_NO_RECORD'],
            ];
            for (const [url, status, code] of cases) {
                const res = await fx.app.inject(url);
                expect(res.statusCode, url).to.equal(status);
                expect(res.json().code, url).to.equal(code);
            }
            expect((await fx.app.inject('/log?limit=0')).json().message).to.contain('limit');
        });
        it('long-polls with live=true: answers when a record arrives', async () => {
            const end = fx.store.log.end;
            const pending = fx.app.inject(`/log?from=${end}&live=true&wait=5000`);
            await new Promise((resolve) => setImmediate(resolve));
            const appended = await fx.store.append('late', { type: 'L' });
            const body = (await pending).json();
            expect(body.records.map((r) => r.offset)).to.deep.equal([appended.lastOffset]);
        });
        it('long-polls with live=true: answers empty after wait', async () => {
            const end = fx.store.log.end;
            const started = Date.now();
            const body = (await fx.app.inject(`/log?from=${end}&live=true&wait=50`)).json();
            expect(body).to.deep.equal({ records: [], next: end, end });
            expect(Date.now() - started).to.be.at.least(45);
            expect(fx.app.sluice.live.size).to.equal(0);
        });
    });
    describe('#GET /log as a stream', () => {
        it('streams NDJSON, one record per line', async () => {
            const res = await fx.app.inject({ url: `/log?from=${offsets[1]}&limit=3`, headers: { accept: 'application/x-ndjson' } });
            expect(res.statusCode).to.equal(200);
            expect(res.headers['content-type']).to.contain('application/x-ndjson');
            const lines = parseNdjson(res.body);
            expect(lines.map((l) => l.offset)).to.deep.equal(offsets.slice(1, 4));
            expect(lines[0].next).to.equal(offsets[2]);
        });
        it('streams binary items: u64 offset, u32 length, payload (JSON text or raw bytes)', async () => {
            const res = await fx.app.inject({ url: '/log', headers: { accept: 'application/octet-stream' } });
            expect(res.headers['content-type']).to.equal('application/octet-stream');
            const items = parseBinaryItems(res.rawPayload);
            expect(items.map((i) => i.offset)).to.deep.equal(offsets);
            expect(JSON.parse(items[2].payload.toString())).to.deep.equal({ i: 2 });
            expect([...items[5].payload]).to.deep.equal([1, 2, 3]);
        });
        it('streams SSE with event: record and id: <offset>', async () => {
            const res = await fx.app.inject({ url: '/log', headers: { accept: 'text/event-stream' } });
            expect(res.headers['content-type']).to.contain('text/event-stream');
            const events = parseSse(res.body);
            expect(events.map((e) => Number(e.id))).to.deep.equal(offsets);
            expect(events.every((e) => e.event === 'record')).to.equal(true);
            expect(JSON.parse(events[0].data).data).to.deep.equal({ i: 0 });
        });
        it('resumes SSE right after Last-Event-ID (over ?from=)', async () => {
            const res = await fx.app.inject({ url: '/log?from=0', headers: { accept: 'text/event-stream', 'last-event-id': String(offsets[2]) } });
            expect(parseSse(res.body).map((e) => Number(e.id))).to.deep.equal(offsets.slice(3));
            const bad = await fx.app.inject({ url: '/log', headers: { accept: 'text/event-stream', 'last-event-id': 'nope' } });
            expect(bad.statusCode).to.equal(400);
            expect(bad.json().code).to.equal('SLUICE_ERR_LOG_OFFSET_INVALID');
        });
        it('picks the format by Accept quality and answers 406 for unsupported types', async () => {
            const ndjson = await fx.app.inject({ url: '/log', headers: { accept: 'application/json;q=0.5, application/x-ndjson' } });
            expect(ndjson.headers['content-type']).to.contain('ndjson');
            const json = await fx.app.inject({ url: '/log', headers: { accept: 'text/html, */*;q=0.1' } });
            expect(json.headers['content-type']).to.contain('application/json');
            const bad = await fx.app.inject({ url: '/log', headers: { accept: 'text/html' } });
            expect(bad.statusCode).to.equal(406);
            expect(bad.json().code).to.equal('SLUICE_ERR_HTTP_NOT_ACCEPTABLE');
        });
    });
});
//# sourceMappingURL=log.test.js.map
import { expect } from 'chai';
import { openHttpFixture } from '../helpers/http-fixture.js';
describe('server: GET /streams', () => {
    let fx;
    let last;
    beforeEach(async () => {
        fx = await openHttpFixture();
        for (const name of ['acct-1', 'acct-2', 'order-1'])
            await fx.store.append(name, { type: 'Opened', data: { name } });
        await fx.store.append('acct-1', [{ type: 'Deposited', data: { amount: 5 } }, { type: 'Raw', data: Buffer.from('hi') }]);
        last = (await fx.store.append('acct-1', { type: 'Closed', meta: { by: 'ops' } })).lastOffset;
    });
    afterEach(async () => fx.close());
    describe('#GET /streams/:stream', () => {
        it('reads one stream in revision order, paginated by next', async () => {
            const page = await fx.app.inject(`/streams/acct-1?limit=2&after=${last}`);
            expect(page.statusCode).to.equal(200);
            const body = page.json();
            expect(body.stream).to.equal('acct-1');
            expect(body.events.map((e) => e.revision)).to.deep.equal([0, 1]);
            expect(body.events[1]).to.include({ type: 'Deposited', stream: 'acct-1' });
            expect(body.next).to.equal(2);
            expect(page.headers['sluice-view-position']).to.equal(String(last));
            const rest = (await fx.app.inject(`/streams/acct-1?from=${body.next}`)).json();
            expect(rest.events.map((e) => e.type)).to.deep.equal(['Raw', 'Closed']);
            expect(rest.events[0]).to.include({ data: 'aGk=', encoding: 'base64' });
            expect(rest.events[1].meta).to.deep.equal({ by: 'ops' });
            expect(rest.next).to.equal(null);
        });
        it('answers 404 for an unknown stream and 400 for a bad name or parameter', async () => {
            const missing = await fx.app.inject('/streams/nobody');
            expect(missing.statusCode).to.equal(404);
            expect(missing.json().code).to.equal('SLUICE_ERR_STREAM_NOT_FOUND');
            const bad = await fx.app.inject('/streams/bad%20name');
            expect(bad.statusCode).to.equal(400);
            expect(bad.json().code).to.equal('SLUICE_ERR_STREAM_NAME_INVALID');
            const from = await fx.app.inject('/streams/acct-1?from=-1');
            expect(from.statusCode).to.equal(400);
            expect(from.json().code).to.equal('SLUICE_ERR_HTTP_BAD_REQUEST');
        });
    });
    describe('#GET /streams', () => {
        it('lists streams from the streams view, by prefix and page', async () => {
            const all = (await fx.app.inject(`/streams?after=${last}`)).json();
            expect(all.streams.map((s) => s.stream)).to.deep.equal(['acct-1', 'acct-2', 'order-1']);
            expect(all.streams[0]).to.include({ stream: 'acct-1', revision: 3, count: 4, lastOffset: last });
            const first = (await fx.app.inject('/streams?prefix=acct&limit=1')).json();
            expect(first.streams.map((s) => s.stream)).to.deep.equal(['acct-1']);
            const second = (await fx.app.inject(`/streams?prefix=acct&limit=1&cursor=${first.cursor}`)).json();
            expect(second.streams.map((s) => s.stream)).to.deep.equal(['acct-2']);
            expect(second.cursor).to.equal(null);
        });
        it('rejects a bad cursor with 400', async () => {
            const res = await fx.app.inject('/streams?cursor=garbage');
            expect(res.statusCode).to.equal(400);
            expect(res.json().code).to.equal('SLUICE_ERR_VIEW_QUERY_INVALID');
        });
    });
});
//# sourceMappingURL=streams.test.js.map
import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { LogStream } from '../../server/log-stream.js';
import { openHttpFixture, openStream, parseBinaryItems, parseNdjson, parseSse, waitUntil } from '../helpers/http-fixture.js';
describe('server: live log responses over a real socket', () => {
    let fx;
    beforeEach(async () => {
        fx = await openHttpFixture({ limits: { heartbeatMs: 40 } });
        await fx.listen();
    });
    afterEach(async () => fx.close());
    const liveCount = () => fx.app.sluice.live.size;
    it('tails NDJSON live: heartbeats when idle, records as they are appended', async () => {
        await fx.store.append('s', { type: 'old' });
        const stream = await openStream(`${fx.url}/log?live=true&from=${fx.store.log.end}`, { accept: 'application/x-ndjson' });
        await stream.waitFor((b) => b.toString().split('\n').length >= 3, 5000, 'two heartbeats');
        expect(parseNdjson(stream.body().toString())).to.have.length(0);
        const a = await fx.store.append('s', { type: 'new-1' });
        const b = await fx.store.append('t', [{ type: 'new-2' }, { type: 'new-3' }]);
        await stream.waitFor((buf) => parseNdjson(buf.toString()).length === 3, 5000, 'three records');
        const records = parseNdjson(stream.body().toString());
        expect(records.map((r) => r.offset)).to.deep.equal([a.lastOffset, ...b.offsets]);
        expect(records.map((r) => r.type)).to.deep.equal(['new-1', 'new-2', 'new-3']);
        stream.destroy();
        await waitUntil(() => liveCount() === 0, 5000, 'the stream to be released');
    });
    it('tails binary items live', async () => {
        const stream = await openStream(`${fx.url}/log?live=true`, { accept: 'application/octet-stream' });
        const a = await fx.store.append('s', { type: 'x', data: { n: 1 } });
        const b = await fx.store.append('s', { type: 'y', data: Buffer.from('raw') });
        const body = await stream.waitFor((buf) => parseBinaryItems(buf).length === 2, 5000, 'two items');
        const items = parseBinaryItems(body);
        expect(items.map((i) => i.offset)).to.deep.equal([a.lastOffset, b.lastOffset]);
        expect(items[1].payload.toString()).to.equal('raw');
        stream.destroy();
        await waitUntil(() => liveCount() === 0, 5000, 'the stream to be released');
    });
    it('resumes SSE with Last-Event-ID under concurrent appends: no gap, no duplicate', async () => {
        let appending = true;
        const appended = [];
        const appender = (async () => {
            for (let i = 0; i < 300 && appending; i++) {
                appended.push((await fx.store.append(`s-${i % 7}`, { type: 'T', data: { i } })).lastOffset);
                if (i % 10 === 0)
                    await new Promise((resolve) => setImmediate(resolve));
            }
            appending = false;
        })();
        const seen = [];
        let lastId;
        for (let round = 0; round < 4; round++) {
            const headers = { accept: 'text/event-stream' };
            if (lastId !== undefined)
                headers['last-event-id'] = lastId;
            const stream = await openStream(`${fx.url}/log?live=true&from=0`, headers);
            const want = seen.length + 40;
            await stream.waitFor((b) => seen.length + parseSse(b.toString()).length >= want || (!appending && seen.length + parseSse(b.toString()).length >= appended.length), 10_000, `${want} events`);
            stream.destroy();
            const events = parseSse(stream.body().toString());
            for (const e of events)
                seen.push(Number(e.id));
            lastId = events.length > 0 ? events[events.length - 1].id : lastId;
        }
        await appender;
        const rest = await openStream(`${fx.url}/log?live=true&from=0`, { accept: 'text/event-stream', 'last-event-id': lastId });
        await rest.waitFor((b) => seen.length + parseSse(b.toString()).length >= appended.length, 10_000, 'the remaining events');
        rest.destroy();
        for (const e of parseSse(rest.body().toString()))
            seen.push(Number(e.id));
        expect(seen).to.deep.equal(appended);
        await waitUntil(() => liveCount() === 0, 5000, 'every stream to be released');
    });
    it('answers HEAD on a live stream at once, holding nothing open', async () => {
        const res = await fx.app.inject({ method: 'HEAD', url: '/log?live=true', headers: { accept: 'application/x-ndjson' } });
        expect(res.statusCode).to.equal(200);
        expect(res.headers['content-type']).to.contain('application/x-ndjson');
        expect(liveCount()).to.equal(0);
    });
    it('releases a long-poll when its client disconnects', async () => {
        const req = httpRequest(`${fx.url}/log?live=true&wait=30000&from=${fx.store.log.end}`, { agent: false });
        req.on('error', () => undefined);
        req.end();
        await waitUntil(() => liveCount() === 1, 5000, 'the long-poll to register');
        req.destroy();
        await waitUntil(() => liveCount() === 0, 5000, 'the long-poll to be released');
    });
    it('respects backpressure: a paused reader holds the server to bounded buffering', async () => {
        const payload = 'x'.repeat(1000);
        for (let i = 0; i < 40; i++) {
            await fx.store.append(`big-${i}`, Array.from({ length: 1000 }, (_, j) => ({ type: 'Big', data: { j, payload } })));
        }
        const total = fx.store.log.end;
        const stream = await openStream(`${fx.url}/log`, { accept: 'application/x-ndjson' });
        stream.res.pause();
        const logStream = () => [...fx.app.sluice.live.handles()].find((h) => h instanceof LogStream);
        await waitUntil(() => logStream() !== undefined && logStream().readableFlowing === false, 10_000, 'the socket to push back');
        const held = logStream().cursor;
        expect(held).to.be.below(total / 2);
        expect(logStream().readableLength).to.be.at.most(256 * 1024);
        stream.res.resume();
        await stream.ended;
        expect(parseNdjson(stream.body().toString())).to.have.length(40_000);
    });
});
//# sourceMappingURL=live.test.js.map
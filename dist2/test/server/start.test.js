import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSluiceError } from '../../core/errors.js';
import { startServer } from '../../server/start.js';
import { openStream } from '../helpers/http-fixture.js';
describe('server: startServer', function () {
    this.timeout(30_000);
    let dir;
    const running = [];
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sluice-start-')); });
    afterEach(async () => {
        for (const r of running.splice(0))
            await r.close();
        rmSync(dir, { recursive: true, force: true });
    });
    const start = async (onListening) => {
        const r = await startServer({ dataDir: dir, port: 0, fsync: 'fsync', logLevel: 'silent' }, { handleSignals: false, onListening });
        running.push(r);
        return r;
    };
    it('answers 503 not-ready (and /health "starting") until the store is open, then 200', async () => {
        const early = [];
        const r = await start(async (url) => {
            for (const path of ['/ready', '/health', '/log']) {
                const res = await fetch(url + path);
                early.push([res.status, await res.json()]);
            }
        });
        expect(early[0][0]).to.equal(503);
        expect(early[0][1]).to.include({ code: 'SLUICE_ERR_HTTP_NOT_READY', statusCode: 503 });
        expect(early[1]).to.deep.equal([200, { status: 'starting' }]);
        expect(early[2][0]).to.equal(503);
        const ready = await fetch(`${r.url}/ready`);
        expect(ready.status).to.equal(200);
        expect(await ready.json()).to.include({ status: 'ready' });
    });
    it('closes gracefully: ends live streams, finishes in-flight appends, then 503s on open connections', async () => {
        const r = await start();
        const sse = await openStream(`${r.url}/log?live=true`, { accept: 'text/event-stream' });
        const ndjson = await openStream(`${r.url}/log?live=true`, { accept: 'application/x-ndjson' });
        const appends = Array.from({ length: 20 }, (_, i) => fetch(`${r.url}/streams/s${i % 3}`, {
            method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'T', data: { i } }),
        }).then(async (res) => ({ status: res.status, body: (await res.json()) }), () => undefined));
        // Let the requests reach the server before closing.
        await sse.waitFor((b) => b.includes('event: record'), 5000, 'a first record');
        const started = Date.now();
        await r.close();
        expect(Date.now() - started).to.be.below(5000);
        await sse.ended;
        await ndjson.ended;
        const results = await Promise.all(appends);
        const acked = results.filter((x) => x?.status === 201);
        expect(acked.length).to.be.greaterThan(0);
        for (const x of results)
            if (x !== undefined && x.status !== 201)
                expect(x.body.code).to.equal('SLUICE_ERR_HTTP_SHUTTING_DOWN');
        // Reopen: every acknowledged append is there.
        const again = await start();
        for (const x of acked)
            expect((await fetch(`${again.url}/log/${x.body.lastOffset}`)).status).to.equal(200);
    });
    it('fails to start, releasing its port, when the store cannot open', async () => {
        await start();
        try {
            await startServer({ dataDir: dir, port: 0, logLevel: 'silent' }, { handleSignals: false });
            expect.fail('a second writer started');
        }
        catch (err) {
            expect(isSluiceError(err, 'LOG_LOCKED'), String(err)).to.equal(true);
        }
    });
    it('fails to start when the port is taken', async () => {
        const r = await start();
        const port = Number(new URL(r.url).port);
        const other = mkdtempSync(join(tmpdir(), 'sluice-start-'));
        try {
            await startServer({ dataDir: other, port, logLevel: 'silent' }, { handleSignals: false });
            expect.fail('listened twice on one port');
        }
        catch (err) {
            expect(err.code).to.equal('EADDRINUSE');
        }
        finally {
            rmSync(other, { recursive: true, force: true });
        }
    });
});
//# sourceMappingURL=start.test.js.map
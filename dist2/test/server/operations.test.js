import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { openStore } from '../../store/open-store.js';
import { buildApp } from '../../server/build-app.js';
import { openHttpFixture } from '../helpers/http-fixture.js';
describe('server: operations routes', () => {
    let fx;
    beforeEach(async () => { fx = await openHttpFixture(); });
    afterEach(async () => fx.close());
    it('GET /health answers 200 ok', async () => {
        const res = await fx.app.inject('/health');
        expect(res.statusCode).to.equal(200);
        expect(res.json()).to.deep.equal({ status: 'ok' });
    });
    it('GET /ready answers 200 with the log bounds', async () => {
        await fx.store.append('s', { type: 'T' });
        const res = await fx.app.inject('/ready');
        expect(res.statusCode).to.equal(200);
        expect(res.json()).to.deep.equal({ status: 'ready', start: 0, end: fx.store.log.end });
    });
    it('GET /metrics exposes appends, bytes, log end, views and request latency', async () => {
        const payload = '{"events":[{"type":"a"},{"type":"b"}]}';
        await fx.app.inject({ method: 'POST', url: '/streams/s', headers: { 'content-type': 'application/json' }, payload });
        await fx.app.inject('/log');
        const res = await fx.app.inject({ url: '/metrics', headers: { accept: 'text/plain' } });
        expect(res.statusCode).to.equal(200);
        expect(res.headers['content-type']).to.contain('text/plain');
        const text = res.body;
        expect(text).to.match(/^sluice_append_requests_total 1$/m);
        expect(text).to.match(/^sluice_appended_events_total 2$/m);
        expect(text).to.match(new RegExp(`^sluice_appended_body_bytes_total ${payload.length}$`, 'm'));
        expect(text).to.match(new RegExp(`^sluice_log_end_offset ${fx.store.log.end}$`, 'm'));
        expect(text).to.match(/^sluice_view_position\{view="streams"\} /m);
        expect(text).to.match(/^sluice_view_lag_bytes\{view="streams"\} /m);
        expect(text).to.match(/^sluice_view_state\{view="streams",state="ready"\} [01]$/m);
        expect(text).to.match(/^sluice_http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/log",status_code="200"\} 1$/m);
        expect(text).to.match(/^sluice_live_responses 0$/m);
    });
    it('GET /openapi.json documents every route, including one per view query with its schema', async () => {
        const res = await fx.app.inject('/openapi.json');
        expect(res.statusCode).to.equal(200);
        const doc = res.json();
        expect(doc.openapi).to.match(/^3\./);
        for (const path of ['/streams/{stream}', '/streams', '/log/{offset}', '/log', '/views', '/views/{view}', '/views/{view}/rebuild', '/health', '/ready', '/metrics']) {
            expect(doc.paths, path).to.have.property(path);
        }
        for (const descriptor of fx.store.views.list()) {
            for (const query of descriptor.queries) {
                const op = doc.paths[`/views/${descriptor.name}/${query.name}`]?.get;
                expect(op, `${descriptor.name}/${query.name}`).to.not.equal(undefined);
                const names = op.parameters.map((p) => p.name);
                expect(names).to.include.members([...Object.keys(query.params.properties ?? {}), 'after', 'timeout']);
            }
        }
        expect(doc.paths['/streams/{stream}'].post.requestBody.content).to.have.keys(['application/json', 'application/octet-stream']);
    });
    it('answers unknown routes with 404 SLUICE_ERR_HTTP_NOT_FOUND in the error shape', async () => {
        for (const [method, url] of [['GET', '/nope'], ['DELETE', '/log'], ['PUT', '/streams/s']]) {
            const res = await fx.app.inject({ method, url });
            expect(res.statusCode).to.equal(404);
            expect(res.json()).to.have.keys(['statusCode', 'code', 'error', 'message']);
            expect(res.json().code).to.equal('SLUICE_ERR_HTTP_NOT_FOUND');
        }
    });
    it('answers 415 for a non-JSON body outside the append route', async () => {
        const name = fx.store.views.list()[0].name;
        const res = await fx.app.inject({ method: 'POST', url: `/views/${name}/rebuild`, headers: { 'content-type': 'text/plain' }, payload: 'go' });
        expect(res.statusCode).to.equal(415);
        expect(res.json().code).to.equal('SLUICE_ERR_HTTP_UNSUPPORTED_MEDIA_TYPE');
    });
    it('declares a scope on every route (the access layer enforces it)', async () => {
        const routes = fx.app.sluice.routes;
        expect(routes.length).to.be.greaterThan(10);
        for (const route of routes)
            expect(['public', 'read', 'append', 'admin'], `${route.method} ${route.url}`).to.include(route.scope);
        const scopeOf = (method, url) => routes.find((r) => r.method === method && r.url === url)?.scope;
        expect(scopeOf('GET', '/health')).to.equal('public');
        expect(scopeOf('POST', '/streams/:stream')).to.equal('append');
        expect(scopeOf('POST', '/views/:view/rebuild')).to.equal('admin');
        expect(scopeOf('GET', '/log')).to.equal('read');
    });
});
describe('server: request logging', () => {
    it('logs requests through pino without the Authorization header', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'sluice-logging-'));
        const store = await openStore({ dataDir: dir, fsync: 'none' });
        const lines = [];
        const logStream = new PassThrough();
        logStream.on('data', (chunk) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
        const app = buildApp({ store, config: { logLevel: 'info' }, logStream });
        try {
            const res = await app.inject({ url: '/log', headers: { authorization: 'Bearer sekret-key-123' } });
            expect(res.statusCode).to.equal(200);
            app.log.info({ headers: { authorization: 'Bearer sekret-key-123' } }, 'a handler logging headers by mistake');
            expect(lines.some((l) => l.includes('"url":"/log"'))).to.equal(true);
            expect(lines.some((l) => l.includes('request completed'))).to.equal(true);
            expect(lines.join('\n')).to.not.contain('sekret');
        }
        finally {
            await app.close();
            await store.close();
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
//# sourceMappingURL=operations.test.js.map
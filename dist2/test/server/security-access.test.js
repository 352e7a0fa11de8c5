// Access control over the real app: every registered route (collected by onRoute, never hand-listed) refuses a
// request without a valid key (401) or without the route's scope (403); SSE tokens; nothing secret in the logs.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { ERRORS } from '../../core/errors.js';
import { openStore } from '../../store/open-store.js';
import { buildApp } from '../../server/build-app.js';
import { openHttpFixture, parseSse, waitUntil } from '../helpers/http-fixture.js';
const FULL = 'full-key-0123456789abcdef';
const READ = 'read-key-0123456789abcdef';
const APPEND = 'append-key-0123456789abcd';
const READ_APPEND = 'read-append-key-012345678';
const KEYS = [FULL, `${READ}:read`, `${APPEND}:append`, `${READ_APPEND}:read,append`];
/** A key holding every scope but `scope`. */
const LACKING = { read: APPEND, append: READ, admin: READ_APPEND };
const HOLDING = { read: READ, append: APPEND, admin: FULL };
const bearer = (key) => ({ authorization: `Bearer ${key}` });
/** A concrete request for a route pattern: real parameter values, a body where the route takes one. */
function requestFor(route, view) {
    const url = route.url.replace(':stream', 'acct-1').replace(':offset', '0').replace(':view', view).replace(':query', 'nope');
    const options = { method: route.method, url };
    if (route.method === 'POST' && url.startsWith('/streams/'))
        return { ...options, headers: { 'content-type': 'application/json' }, payload: '{"type":"t"}' };
    return options;
}
function expectError(res, status, key, what) {
    expect(res.statusCode, `${what}: ${res.body}`).to.equal(status);
    if (res.body === '')
        return; // HEAD
    const body = res.json();
    expect(body, what).to.include.all.keys('statusCode', 'code', 'error', 'message');
    expect(body.code, what).to.equal(ERRORS[key].code);
    expect(body.statusCode, what).to.equal(status);
}
describe('server: access control', () => {
    let fx;
    beforeEach(async () => {
        fx = await openHttpFixture({ apiKeys: KEYS, limits: { rateLimitMax: 0 } });
    });
    afterEach(async () => fx.close());
    context('on every registered route', () => {
        it('answers 401 SLUICE_ERR_AUTH_REQUIRED without a key, with a wrong key and with a malformed header (public routes excepted)', async () => {
            const routes = fx.app.sluice.routes;
            expect(routes.map((r) => `${r.method} ${r.url}`)).to.include.members(['POST /streams/:stream', 'GET /log', 'POST /views/:view/rebuild', 'POST /auth/sse-token', 'GET /health']);
            const view = fx.store.views.list()[0].name;
            const wrong = [{}, bearer('wrong-key-0123456789abcdef'), bearer(`${FULL}x`), bearer(FULL.slice(0, -1)), { authorization: `Basic ${Buffer.from(`u:${FULL}`).toString('base64')}` },
                { authorization: FULL }, { authorization: 'Bearer' }, { authorization: `Bearer ${FULL} extra` }];
            let checked = 0;
            for (const route of routes) {
                for (const headers of wrong) {
                    const req = requestFor(route, view);
                    const res = await fx.app.inject({ ...req, headers: { ...req.headers, ...headers } });
                    const what = `${route.method} ${route.url} with ${JSON.stringify(headers)}`;
                    if (route.scope === 'public') {
                        expect(res.statusCode, what).to.equal(200);
                    }
                    else {
                        expectError(res, 401, 'AUTH_REQUIRED', what);
                        expect(res.headers['www-authenticate'], what).to.equal('Bearer realm="sluice"');
                    }
                    checked++;
                }
            }
            expect(checked).to.equal(routes.length * wrong.length);
            expect(fx.store.log.end).to.equal(0);
        });
        it('answers 403 SLUICE_ERR_AUTH_FORBIDDEN to a key without the route\'s scope, and lets a key with it through', async () => {
            const view = fx.store.views.list()[0].name;
            for (const route of fx.app.sluice.routes) {
                if (route.scope === 'public')
                    continue;
                const req = requestFor(route, view);
                const what = `${route.method} ${route.url}`;
                const denied = await fx.app.inject({ ...req, headers: { ...req.headers, ...bearer(LACKING[route.scope]) } });
                expectError(denied, 403, 'AUTH_FORBIDDEN', `${what} without ${route.scope}`);
                if (denied.body !== '')
                    expect(denied.json().message).to.contain(route.scope);
                for (const key of [HOLDING[route.scope], FULL]) {
                    const allowed = await fx.app.inject({ ...req, headers: { ...req.headers, ...bearer(key) } });
                    expect(allowed.statusCode, `${what} with ${route.scope}: ${allowed.body}`).to.not.be.oneOf([401, 403]);
                }
            }
        });
    });
    it('needs append to append, admin to rebuild, read to read', async () => {
        const append = (key) => fx.app.inject({ method: 'POST', url: '/streams/s', headers: { ...bearer(key), 'content-type': 'application/json' }, payload: '{"type":"t"}' });
        expect((await append(READ)).statusCode).to.equal(403);
        expect(fx.store.log.end).to.equal(0);
        expect((await append(APPEND)).statusCode).to.equal(201);
        expect((await fx.app.inject({ url: '/log', headers: bearer(APPEND) })).statusCode).to.equal(403);
        expect((await fx.app.inject({ url: '/log', headers: bearer(READ) })).json().records).to.have.length(1);
        const view = fx.store.views.list()[0].name;
        expect((await fx.app.inject({ method: 'POST', url: `/views/${view}/rebuild`, headers: bearer(READ_APPEND) })).statusCode).to.equal(403);
        expect((await fx.app.inject({ method: 'POST', url: `/views/${view}/rebuild`, headers: bearer(FULL) })).statusCode).to.equal(202);
    });
    it('asks any valid key before saying a URL does not exist', async () => {
        expectError(await fx.app.inject({ url: '/no/such/route' }), 401, 'AUTH_REQUIRED', 'unknown route, no key');
        expectError(await fx.app.inject({ url: '/no/such/route', headers: bearer(APPEND) }), 404, 'HTTP_NOT_FOUND', 'unknown route, a key');
    });
    it('accepts the scheme case-insensitively and ignores keys on public routes', async () => {
        expect((await fx.app.inject({ url: '/ready', headers: { authorization: `bearer ${READ}` } })).statusCode).to.equal(200);
        expect((await fx.app.inject({ url: '/health', headers: bearer('nonsense') })).statusCode).to.equal(200);
    });
    context('with no keys configured', () => {
        it('lets every request through (the server only listens on loopback then)', async () => {
            const open = await openHttpFixture({ limits: { rateLimitMax: 0 } });
            try {
                const view = open.store.views.list()[0].name;
                for (const route of open.app.sluice.routes) {
                    const res = await open.app.inject(requestFor(route, view));
                    expect(res.statusCode, `${route.method} ${route.url}`).to.not.be.oneOf([401, 403]);
                }
                const minted = await open.app.inject({ method: 'POST', url: '/auth/sse-token' });
                expect(minted.statusCode).to.equal(200);
            }
            finally {
                await open.close();
            }
        });
    });
    describe('#POST /auth/sse-token', () => {
        const mint = async (key, app = fx.app) => {
            const res = await app.inject({ method: 'POST', url: '/auth/sse-token', headers: bearer(key) });
            expect(res.statusCode, res.body).to.equal(200);
            return res.json();
        };
        const sse = (query) => fx.app.inject({ url: `/log?${query}`, headers: { accept: 'text/event-stream' } });
        it('mints a token that opens the SSE stream in a URL, with an expiry', async () => {
            await fx.store.append('s', [{ type: 'a' }, { type: 'b' }]);
            const before = Date.now();
            const { token, expiresAt } = await mint(READ);
            expect(expiresAt).to.be.within(before + 59_000, Date.now() + 60_000);
            expect(token).to.not.contain(READ);
            const res = await sse(`token=${encodeURIComponent(token)}`);
            expect(res.statusCode).to.equal(200);
            expect(parseSse(res.body).map((e) => e.event)).to.deep.equal(['record', 'record']);
        });
        it('accepts a token nowhere but SSE, and never a key in the URL', async () => {
            const { token } = await mint(FULL);
            expectError(await fx.app.inject({ url: `/log?token=${token}` }), 401, 'AUTH_REQUIRED', 'a JSON read with a token');
            expectError(await fx.app.inject({ url: `/log?token=${token}`, headers: { accept: 'application/x-ndjson' } }), 401, 'AUTH_REQUIRED', 'NDJSON with a token');
            expectError(await fx.app.inject({ method: 'POST', url: `/streams/s?token=${token}`, headers: { 'content-type': 'application/json' }, payload: '{"type":"t"}' }), 401, 'AUTH_REQUIRED', 'an append with a token');
            expectError(await fx.app.inject({ url: `/views?token=${token}` }), 401, 'AUTH_REQUIRED', 'a view list with a token');
            expectError(await sse(`token=${FULL}`), 401, 'AUTH_REQUIRED', 'a key as a token');
            expect(fx.store.log.end).to.equal(0);
        });
        it('refuses tampered, foreign and expired tokens', async () => {
            const { token } = await mint(READ);
            const [payload, mac] = token.split('.');
            const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
            const forged = Buffer.from(JSON.stringify({ ...claims, s: ['read', 'append', 'admin'], e: Date.now() + 3_600_000 })).toString('base64url');
            const flipped = mac.slice(0, -2) + (mac.at(-2) === 'A' ? 'B' : 'A') + mac.at(-1);
            for (const bad of [`${forged}.${mac}`, `${payload}.${flipped}`, `${payload}.`, payload, '.', 'x'.repeat(5000), `${payload}.${mac}x`]) {
                expectError(await sse(`token=${encodeURIComponent(bad)}`), 401, 'AUTH_REQUIRED', `token ${bad.slice(0, 40)}`);
            }
            const other = await openHttpFixture({ apiKeys: KEYS });
            try {
                const foreign = await mint(READ, other.app);
                expectError(await sse(`token=${encodeURIComponent(foreign.token)}`), 401, 'AUTH_REQUIRED', 'a token of another server');
            }
            finally {
                await other.close();
            }
            const shortLived = await openHttpFixture({ apiKeys: KEYS, sseTokenTtlMs: 1000 });
            try {
                const soon = await mint(READ, shortLived.app);
                const open = await shortLived.app.inject({ url: `/log?token=${encodeURIComponent(soon.token)}`, headers: { accept: 'text/event-stream' } });
                expect(open.statusCode).to.equal(200);
                await waitUntil(() => Date.now() > soon.expiresAt, 5000, 'the token to expire');
                const late = await shortLived.app.inject({ url: `/log?token=${encodeURIComponent(soon.token)}`, headers: { accept: 'text/event-stream' } });
                expectError(late, 401, 'AUTH_REQUIRED', 'an expired token');
            }
            finally {
                await shortLived.close();
            }
        });
        it('carries its key\'s scopes: a key without read can mint nothing', async () => {
            expectError(await fx.app.inject({ method: 'POST', url: '/auth/sse-token', headers: bearer(APPEND) }), 403, 'AUTH_FORBIDDEN', 'an append-only key');
            expectError(await fx.app.inject({ method: 'POST', url: '/auth/sse-token' }), 401, 'AUTH_REQUIRED', 'no key');
        });
    });
});
describe('server: access logging', () => {
    it('never logs the Authorization header, a key or an SSE token', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'sluice-access-log-'));
        const store = await openStore({ dataDir: dir, fsync: 'none' });
        const lines = [];
        const logStream = new PassThrough();
        logStream.on('data', (chunk) => lines.push(...chunk.toString().split('\n').filter(Boolean)));
        const app = buildApp({ store, config: { logLevel: 'trace', apiKeys: KEYS }, logStream });
        try {
            const minted = await app.inject({ method: 'POST', url: '/auth/sse-token', headers: bearer(READ) });
            const { token } = minted.json();
            const signature = token.split('.')[1];
            const requests = [
                { url: `/log?from=0&token=${token}`, headers: { accept: 'text/event-stream' } },
                { url: `/log?token=${token}&from=0` },
                { url: `/nope?TOKEN=${token}` },
                { url: `/log?from=zz&token=${token}`, headers: { accept: 'text/event-stream' } },
                { url: '/log', headers: bearer(FULL) },
                { url: '/log', headers: bearer(`${FULL}-wrong`) },
                { method: 'POST', url: '/streams/s', headers: { ...bearer(READ), 'content-type': 'application/json' }, payload: '{"type":"t"}' },
            ];
            for (const req of requests)
                await app.inject(req);
            app.log.info({ req: { headers: { authorization: `Bearer ${FULL}` } } }, 'a handler logging a request by mistake');
            await waitUntil(() => lines.some((l) => l.includes('a handler logging')), 5000, 'the log lines');
            const text = lines.join('\n');
            expect(lines.filter((l) => l.includes('"url":"/log?from=0&token=[redacted]"'))).to.have.length.greaterThan(0);
            for (const secret of [FULL, READ, signature, token])
                expect(text).to.not.contain(secret);
            expect(text).to.not.match(/Bearer (?!<key>)[^\s"[]/);
        }
        finally {
            await app.close();
            await store.close();
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
//# sourceMappingURL=security-access.test.js.map
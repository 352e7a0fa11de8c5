// CORS (issue 21) over a real listening server: off by default; with `cors.origins`, preflights and answers on every
// kind of route (appends, view queries, the log's JSON, NDJSON, binary and SSE forms, errors) carry the headers a
// page on a listed origin needs, and a page on any other origin gets none. Browsers themselves: test/browser/.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSluiceError } from '../../core/errors.js';
import { loadConfig, resolveConfig } from '../../config/config.js';
import { buildApp } from '../../server/build-app.js';
import { openStore } from '../../store/open-store.js';
import { openHttpFixture, type HttpFixture } from '../helpers/http-fixture.js';

const PAGE = 'http://127.0.0.1:5173';
const KEY = 'cors-test-key-0123456789';

function configField(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(isSluiceError(err, 'CONFIG_INVALID'), String(err)).to.equal(true);
    return String((err as { details: { field: unknown } }).details.field);
  }
  throw new Error('expected SLUICE_ERR_CONFIG_INVALID');
}

async function preflight(url: string, origin: string, method: string, headers: string): Promise<Response> {
  return fetch(url, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers } });
}

describe('server: CORS', () => {
  let fixture: HttpFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  context('when cors.origins is not set', () => {
    it('answers no CORS headers, to preflights or requests', async () => {
      fixture = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } });
      const url = await fixture.listen();
      const pre = await preflight(`${url}/streams/a`, PAGE, 'POST', 'content-type');
      expect(pre.headers.get('access-control-allow-origin')).to.equal(null);
      const res = await fetch(`${url}/log`, { headers: { origin: PAGE } });
      expect(res.status).to.equal(200);
      expect(res.headers.get('access-control-allow-origin')).to.equal(null);
    });
  });

  context('when the page\'s origin is listed and keys are on', () => {
    beforeEach(async () => {
      fixture = await openHttpFixture({ cors: { origins: [PAGE, 'https://other.example'] }, apiKeys: [KEY], limits: { maxEventLoopDelayMs: 0 } });
      await fixture.listen();
    });

    it('answers preflights without a key, allowing Authorization, Content-Type and Last-Event-ID', async () => {
      const pre = await preflight(`${fixture!.url}/streams/a`, PAGE, 'POST', 'authorization,content-type');
      expect(pre.status).to.equal(204);
      expect(pre.headers.get('access-control-allow-origin')).to.equal(PAGE);
      expect(pre.headers.get('access-control-allow-methods')).to.include('POST');
      const allowed = pre.headers.get('access-control-allow-headers')!.toLowerCase().split(',').map((h) => h.trim());
      expect(allowed).to.include.members(['authorization', 'content-type', 'last-event-id']);
      expect(pre.headers.get('access-control-allow-credentials')).to.equal(null);
    });

    it('puts the origin and the exposed headers on appends, view queries, errors and every log format', async () => {
      const auth = { origin: PAGE, authorization: `Bearer ${KEY}` };
      const appended = await fetch(`${fixture!.url}/streams/a`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"type":"T"}' });
      expect(appended.status).to.equal(201);
      const query = await fetch(`${fixture!.url}/views/streams/get?stream=a&after=0`, { headers: auth });
      expect(query.status).to.equal(200);
      const exposed = query.headers.get('access-control-expose-headers')!.toLowerCase();
      expect(exposed).to.include('sluice-view-position');
      expect(exposed).to.include('retry-after');
      const denied = await fetch(`${fixture!.url}/log`, { headers: { origin: PAGE } });
      expect(denied.status).to.equal(401);
      for (const res of [appended, query, denied]) expect(res.headers.get('access-control-allow-origin')).to.equal(PAGE);
      for (const accept of ['application/json', 'application/x-ndjson', 'application/octet-stream', 'text/event-stream']) {
        const res = await fetch(`${fixture!.url}/log?from=0`, { headers: { ...auth, accept } });
        expect([accept, res.status, res.headers.get('access-control-allow-origin')]).to.deep.equal([accept, 200, PAGE]);
        await res.arrayBuffer();
      }
    });

    it('gives a page on another origin no CORS headers', async () => {
      const pre = await preflight(`${fixture!.url}/streams/a`, 'http://evil.example', 'POST', 'authorization,content-type');
      expect(pre.headers.get('access-control-allow-origin')).to.equal(null);
      const res = await fetch(`${fixture!.url}/log`, { headers: { origin: 'http://evil.example', authorization: `Bearer ${KEY}` } });
      expect(res.headers.get('access-control-allow-origin')).to.equal(null);
    });
  });

  context('when configured', () => {
    it('reads SLUICE_CORS_ORIGINS as comma-separated origins', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sluice-cors-'));
      try {
        const config = await loadConfig({ SLUICE_CORS_ORIGINS: `${PAGE}, https://app.example` }, dir);
        expect(config.cors.origins).to.deep.equal([PAGE, 'https://app.example']);
        writeFileSync(join(dir, 'sluice.config.json'), JSON.stringify({ cors: { origins: ['https://app.example'] } }));
        expect((await loadConfig({}, dir)).cors.origins).to.deep.equal(['https://app.example']);
        expect((await loadConfig({ SLUICE_CORS_ORIGINS: 'http://nope/' }, dir).catch((e: unknown) => e) as { details: { field: string } }).details.field)
          .to.equal('SLUICE_CORS_ORIGINS[0]');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('refuses a path, a trailing slash, "*" among others, "*" with keys, and unknown fields, naming them', () => {
      expect(configField(() => resolveConfig({ cors: { origins: ['https://app.example/'] } }))).to.equal('cors.origins[0]');
      expect(configField(() => resolveConfig({ cors: { origins: [PAGE, 'app.example'] } }))).to.equal('cors.origins[1]');
      expect(configField(() => resolveConfig({ cors: { origins: ['*', PAGE] } }))).to.equal('cors.origins');
      expect(configField(() => resolveConfig({ cors: { origins: '*' }, apiKeys: [KEY] }))).to.equal('cors.origins');
      expect(configField(() => resolveConfig({ cors: { origin: PAGE } as never }))).to.equal('cors.origin');
      expect(resolveConfig({ cors: { origins: '*' } }).cors.origins).to.deep.equal(['*']);
    });

    it('refuses "*" when the keys come from a keys file', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sluice-cors-'));
      writeFileSync(join(dir, 'keys.txt'), `${KEY}\n`);
      try {
        const store = await openStore({ dataDir: join(dir, 'data'), fsync: 'none' });
        try {
          const err = (() => {
            try {
              buildApp({ store, config: { cors: { origins: '*' }, apiKeysFile: join(dir, 'keys.txt'), logLevel: 'silent' } });
            } catch (e) {
              return e;
            }
            return undefined;
          })();
          expect(isSluiceError(err, 'CONFIG_INVALID')).to.equal(true);
        } finally {
          await store.close();
        }
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('with "*" and no keys, lets any origin read', async () => {
      fixture = await openHttpFixture({ cors: { origins: '*' }, limits: { maxEventLoopDelayMs: 0 } });
      const res = await fetch(`${await fixture.listen()}/health`, { headers: { origin: 'http://anywhere.example' } });
      expect(res.headers.get('access-control-allow-origin')).to.equal('*');
    });
  });
});

// Issue 21 in a real browser: headless Chromium loads a page from another origin (a second HTTP server) that uses
// the built client and the browser's own fetch and EventSource against Sluice. A listed origin appends, reads,
// queries a view and follows the SSE tail through a kill -9 of the server; a page on an unlisted origin is refused;
// with keys on, a page mints an SSE token and its EventSource opens with it.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { createClient } from '../../client/index.js';
import { launchChromium, startAppServer, type AppServer, type Browser } from '../helpers/browser-kit.js';
import { openHttpFixture, waitUntil, type HttpFixture } from '../helpers/http-fixture.js';
import { spawnServer, type ServerProcess } from '../helpers/server-process.js';

const KEY = 'browser-test-key-0123456789';

describe('browser pages on another origin (CORS)', function () {
  this.timeout(120_000);
  let browser: Browser;
  let app: AppServer;
  let stranger: AppServer;
  let appOrigin: string;

  before(async () => {
    [browser, app, stranger] = await Promise.all([launchChromium(), startAppServer(), startAppServer()]);
    appOrigin = `http://127.0.0.1:${app.port}`;
  });
  after(async () => {
    await Promise.all([browser?.close(), app?.close(), stranger?.close()]);
  });

  async function openPage(origin: string): Promise<Page> {
    const page = await browser.context.newPage();
    await page.goto(`${origin}/`);
    return page;
  }

  context('when the page\'s origin is listed', () => {
    let fixture: HttpFixture;
    beforeEach(async () => {
      fixture = await openHttpFixture({ cors: { origins: [appOrigin] }, limits: { maxEventLoopDelayMs: 0 } });
      await fixture.listen();
    });
    afterEach(async () => {
      await fixture.close();
    });

    it('appends, reads the log and a stream, and runs a view query, with the client and with plain fetch', async () => {
      const page = await openPage(appOrigin);
      try {
        const result = await page.evaluate(async (url) => {
          const { createClient: create } = await import(`${location.origin}/client/index.js`);
          const client = create({ url });
          const appended = await client.append('web-1', [{ type: 'Clicked', data: { n: 1 } }, { type: 'Clicked', data: { n: 2 } }], { expectedRevision: 'no_stream' });
          const page1 = await client.read({ limit: 10 });
          const stream = await client.stream('web-1');
          const summary = await client.views.query('streams', 'get', { stream: 'web-1' }, { after: appended.lastOffset });
          const raw = await fetch(`${url}/views/streams/get?stream=web-1`);
          let conflict = '';
          try {
            await client.append('web-1', { type: 'Clicked' }, { expectedRevision: 0 });
          } catch (err) {
            conflict = `${(err as { code: string }).code} ${(err as { currentRevision: number }).currentRevision}`;
          }
          return {
            revisions: appended.revisions, types: page1.records.map((r: { type: string }) => r.type), events: stream.events.length,
            count: summary.count, position: raw.headers.get('sluice-view-position'), conflict,
          };
        }, fixture.url);
        expect(result).to.deep.equal({
          revisions: [0, 1], types: ['Clicked', 'Clicked'], events: 2, count: 2,
          position: String((await fixture.store.log.read(0)).next), conflict: 'SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION 1',
        });
      } finally {
        await page.close();
      }
    });

    it('refuses a page on an origin not in the list: fetch fails and nothing is appended', async () => {
      const page = await openPage(`http://127.0.0.1:${stranger.port}`);
      try {
        const result = await page.evaluate(async (url) => {
          const { createClient: create } = await import(`${location.origin}/client/index.js`);
          let code = '';
          try {
            await create({ url }).append('intruder', { type: 'X' });
          } catch (err) {
            code = (err as { code: string }).code;
          }
          let fetchError = '';
          try {
            await fetch(`${url}/log`);
          } catch (err) {
            fetchError = (err as Error).name;
          }
          return { code, fetchError };
        }, fixture.url);
        expect(result).to.deep.equal({ code: 'SLUICE_ERR_CLIENT_UNREACHABLE', fetchError: 'TypeError' });
        // The append was refused before it reached the route: a JSON POST is preflighted, and the preflight failed.
        expect(fixture.store.log.end).to.equal(0);
      } finally {
        await page.close();
      }
    });
  });

  context('when the server restarts under a page following the SSE tail', () => {
    let dir: string;
    let server: ServerProcess | undefined;
    beforeEach(() => {
      dir = mkdtempSync(join(tmpdir(), 'sluice-browser-'));
    });
    afterEach(async () => {
      if (server !== undefined && server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGKILL');
        await server.exited;
      }
      rmSync(dir, { recursive: true, force: true });
    });

    it('EventSource and the client\'s subscribe both resume after kill -9: nothing skipped, nothing repeated', async () => {
      const env = { SLUICE_CORS_ORIGINS: appOrigin, SLUICE_FSYNC: 'batch', SLUICE_MAX_EVENT_LOOP_DELAY_MS: '0' };
      server = await spawnServer(dir, env);
      const port = new URL(server.url).port;
      const node = createClient({ url: server.url });
      const page = await openPage(appOrigin);
      try {
        await page.evaluate(async (url) => {
          const { createClient: create } = await import(`${location.origin}/client/index.js`);
          const w = window as unknown as { sse: number[]; sub: number[] };
          w.sse = [];
          w.sub = [];
          const source = new EventSource(`${url}/log?live=true`);
          source.addEventListener('record', (e) => w.sse.push(Number((e as MessageEvent).lastEventId)));
          void (async () => {
            for await (const record of create({ url }).subscribe({ format: 'sse', retry: { initialDelayMs: 50, maxDelayMs: 500 } })) w.sub.push(record.offset);
          })();
        }, server.url);
        const seen = async (): Promise<{ sse: number[]; sub: number[] }> => page.evaluate(() => {
          const w = window as unknown as { sse: number[]; sub: number[] };
          return { sse: [...w.sse], sub: [...w.sub] };
        });
        const appendSome = async (n: number): Promise<void> => {
          for (let i = 0; i < n; i++) await node.append('tail', { type: 'Tick', data: { i } });
        };
        await appendSome(3);
        await waitUntil(async () => { const s = await seen(); return s.sse.length === 3 && s.sub.length === 3; }, 30_000, 'the first records in the page');
        server.child.kill('SIGKILL');
        await server.exited;
        server = await spawnServer(dir, { ...env, SLUICE_PORT: port });
        await appendSome(3);
        await waitUntil(async () => { const s = await seen(); return s.sse.length >= 6 && s.sub.length >= 6; }, 60_000, 'the records after the restart in the page');
        const all = (await node.read()).records.map((r) => r.offset);
        expect(all).to.have.length(6);
        expect(await seen()).to.deep.equal({ sse: all, sub: all });
      } finally {
        await page.close();
      }
    });
  });

  context('when keys are on', () => {
    let fixture: HttpFixture;
    beforeEach(async () => {
      fixture = await openHttpFixture({ cors: { origins: [appOrigin] }, apiKeys: [`${KEY}:read,append`], limits: { maxEventLoopDelayMs: 0 } });
      await fixture.listen();
    });
    afterEach(async () => {
      await fixture.close();
    });

    it('opens an EventSource with a token minted by POST /auth/sse-token, and refuses one without', async () => {
      const page = await openPage(appOrigin);
      try {
        await fixture.store.append('s', { type: 'Hello' });
        const result = await page.evaluate(async ({ url, key }) => {
          const { createClient: create } = await import(`${location.origin}/client/index.js`);
          const client = create({ url, apiKey: key });
          const { token } = await client.sseToken();
          const first = await new Promise<string>((resolve, reject) => {
            const source = new EventSource(client.liveUrl({ token }));
            source.addEventListener('record', (e) => { source.close(); resolve(JSON.parse((e as MessageEvent).data).type); });
            source.onerror = () => { source.close(); reject(new Error('EventSource with a token failed')); };
          });
          const withoutToken = await new Promise<number>((resolve) => {
            const source = new EventSource(`${url}/log?live=true`);
            source.addEventListener('record', () => { source.close(); resolve(-1); });
            source.onerror = () => { const state = source.readyState; source.close(); resolve(state); };
          });
          let anonymous = '';
          try {
            await create({ url }).read();
          } catch (err) {
            anonymous = `${(err as { status: number }).status} ${(err as { code: string }).code}`;
          }
          return { first, withoutToken, anonymous };
        }, { url: fixture.url, key: KEY });
        expect(result).to.deep.equal({ first: 'Hello', withoutToken: 2, anonymous: '401 SLUICE_ERR_AUTH_REQUIRED' });
      } finally {
        await page.close();
      }
    });
  });
});

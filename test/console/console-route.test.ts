// GET /console and its assets over the real app: the page and its modules come from the package (Preact and htm from
// node_modules), need no key, carry a Content-Security-Policy that admits exactly the page's import map, and nothing
// outside the console's own files is ever served.
import { expect } from 'chai';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONSOLE_DIR } from '../../server/routes/console.js';
import { openHttpFixture, type HttpFixture } from '../helpers/http-fixture.js';

const KEY = 'console-route-key-0123456789';

describe('server: console route', () => {
  let fx: HttpFixture;
  afterEach(async () => fx?.close());

  context('when keys are on and the browser sends none', () => {
    it('serves the page, its modules and styles without a key (they hold no data)', async () => {
      fx = await openHttpFixture({ apiKeys: [KEY] });
      const page = await fx.app.inject({ url: '/console', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
      expect(page.statusCode).to.equal(200);
      expect(page.headers['content-type']).to.match(/^text\/html/);
      expect(page.body).to.contain('<script type="module" src="/console/app.js">');
      for (const [url, type] of [['/console/app.js', /javascript/], ['/console/pages/log.js', /javascript/], ['/console/style.css', /^text\/css/], ['/console/favicon.svg', /^image\/svg\+xml/]] as const) {
        const res = await fx.app.inject({ url, headers: { accept: '*/*' } });
        expect(res.statusCode, url).to.equal(200);
        expect(res.headers['content-type'], url).to.match(type);
        expect(res.body, url).to.equal(readFileSync(join(CONSOLE_DIR, url.slice('/console/'.length)), 'utf8'));
      }
      expect((await fx.app.inject('/console/')).statusCode).to.equal(200);
    });

    it('serves Preact and htm from the installed packages, as ES modules', async () => {
      fx = await openHttpFixture({ apiKeys: [KEY] });
      for (const file of ['preact.mjs', 'preact-hooks.mjs', 'htm.mjs', 'htm-preact.mjs']) {
        const res = await fx.app.inject(`/console/vendor/${file}`);
        expect(res.statusCode, file).to.equal(200);
        expect(res.headers['content-type'], file).to.match(/javascript/);
        expect(res.body, file).to.match(/\bexport\b/);
      }
      const preact = await fx.app.inject('/console/vendor/preact.mjs');
      expect(preact.body).to.equal(readFileSync(new URL(import.meta.resolve('preact')), 'utf8'));
    });
  });

  context('when the page is served', () => {
    it('sends a Content-Security-Policy whose script hash is exactly the page\'s import map', async () => {
      fx = await openHttpFixture();
      const res = await fx.app.inject('/console');
      const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(res.body)![1]!;
      const hash = createHash('sha256').update(importMap).digest('base64');
      const csp = res.headers['content-security-policy'] as string;
      expect(csp).to.contain(`script-src 'self' 'sha256-${hash}'`);
      expect(csp).to.contain("default-src 'none'");
      expect(csp).to.contain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['cache-control']).to.equal('no-cache');
      expect(res.headers.etag).to.be.a('string');
      const again = await fx.app.inject({ url: '/console', headers: { 'if-none-match': res.headers.etag as string } });
      expect(again.statusCode).to.equal(304);
    });
  });

  context('when a path names no console file', () => {
    it('answers 404 SLUICE_ERR_HTTP_NOT_FOUND, also for paths that climb out of the folder', async () => {
      fx = await openHttpFixture();
      for (const url of ['/console/nope.js', '/console/../package.json', '/console/%2e%2e/package.json', '/console/pages/../../package.json',
        '/console/vendor/preact.js', '/console/vendor/..%2fpackage.json', '/console/%2e%2e%2fpackage.json']) {
        const res = await fx.app.inject(url);
        expect(res.statusCode, url).to.equal(404);
        expect(res.json().code, url).to.equal('SLUICE_ERR_HTTP_NOT_FOUND');
        expect(res.body, url).not.to.contain('"version"');
      }
    });
  });

  context('when the client accepts only JSON', () => {
    it('answers 406 SLUICE_ERR_HTTP_NOT_ACCEPTABLE', async () => {
      fx = await openHttpFixture();
      const res = await fx.app.inject({ url: '/console', headers: { accept: 'application/json' } });
      expect(res.statusCode).to.equal(406);
      expect(res.json().code).to.equal('SLUICE_ERR_HTTP_NOT_ACCEPTABLE');
    });
  });
});

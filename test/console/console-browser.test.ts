// The web console in a real headless Chromium against a real listening server: every page loads without console
// errors, the live tail shows a record appended over HTTP, a rebuild's progress shows, the query explorer answers,
// appends go through, a wrong key is refused, and the pages can be used from the keyboard.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { defineView } from '../../core/view-engine/view-definition.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { openBrowser, type BrowserFixture, type WatchedPage } from '../helpers/browser.js';
import { writeDamagedStore } from '../helpers/damaged-store.js';
import { openHttpFixture, waitUntil, type HttpFixture } from '../helpers/http-fixture.js';

const ADMIN_KEY = 'console-admin-key-0123456789';
const READ_KEY = 'console-read-key-0123456789';
const APPEND_KEY = 'console-append-key-0123456789';
const KEYS = [ADMIN_KEY, `${READ_KEY}:read`, `${APPEND_KEY}:append`];

/** A view whose apply can be made slow on demand, so a rebuild stays in progress until the test has seen it. */
function slowPlugin(): { plugin: ReturnType<typeof definePlugin>; setSlow(on: boolean): void } {
  let slowMs = 0;
  const view = defineView({
    name: 'slow', version: 1, description: 'counts records; slow on demand', dbs: { counts: {} },
    apply(record, ctx) {
      const until = Date.now() + slowMs;
      while (Date.now() < until) { /* an expensive apply */ }
      ctx.dbs.counts!.put('all', ((ctx.dbs.counts!.get('all') as number | undefined) ?? 0) + 1);
    },
    queries: { total: { params: { type: 'object', additionalProperties: false }, handler: (_p, ctx) => ({ total: (ctx.dbs.counts!.get('all') as number | undefined) ?? 0 }) } },
  });
  const fragile = defineView({
    name: 'fragile', version: 1, description: 'fails on a boom', dbs: { seen: {} },
    apply(record, ctx) {
      if (record.type === 'boom') throw new Error('cannot apply a boom');
      ctx.dbs.seen!.put(record.offset, 1);
    },
    queries: {},
  });
  return { plugin: definePlugin({ name: 'slow', views: [view, fragile] }), setSlow: (on) => { slowMs = on ? 50 : 0; } };
}

async function seed(fx: HttpFixture): Promise<void> {
  await fx.store.append('acct-1', [
    { type: 'Deposited', data: { amount: 100 }, tags: ['money'] },
    { type: 'Withdrawn', data: { amount: 30 }, tags: ['money'] },
  ]);
  await fx.store.append('acct-2', { type: 'Deposited', data: { amount: 7 } });
  await fx.store.append('images', { type: 'Uploaded', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]) });
  const end = fx.store.log.end;
  await waitUntil(() => fx.store.views.status().every((s) => s.position !== null && s.lagBytes === 0 && fx.store.log.end === end), 10_000, 'views to catch up');
}

async function appendOverHttp(fx: HttpFixture, stream: string, body: unknown, key = ADMIN_KEY): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${fx.url}/streams/${stream}`, {
    method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` }, body: JSON.stringify(body),
  });
  return { status: res.status, json: await res.json() as Record<string, unknown> };
}

/** Form fields without a label, and buttons without a name: an accessibility floor every page must clear. */
function unlabelled(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const el of document.querySelectorAll<HTMLInputElement>('input, select, textarea')) {
      if ((el.labels?.length ?? 0) === 0 && !el.getAttribute('aria-label')) found.push(`${el.tagName} ${el.id || el.name}`);
    }
    for (const el of document.querySelectorAll('button')) {
      if ((el.textContent ?? '').trim() === '' && !el.getAttribute('aria-label')) found.push(`button ${el.outerHTML.slice(0, 60)}`);
    }
    return found;
  });
}

const sessionKey = (page: Page): Promise<string | null> => page.evaluate(() => sessionStorage.getItem('sluice.apiKey'));

describe('console (in Chromium)', function () {
  this.timeout(90_000);
  // One Chromium for the file, and one server per context: starting either costs seconds on a loaded 2-core machine.
  // Contexts whose tests only read share their server; tests that write get their own.
  let browser: BrowserFixture;
  before(async () => { browser = await openBrowser(); });
  after(async () => browser?.close());

  context('when a store with records is browsed with a valid key', () => {
    let fx: HttpFixture;
    let tab: WatchedPage;
    before(async () => {
      fx = await openHttpFixture({ apiKeys: KEYS });
      await seed(fx);
      await fx.listen();
      tab = await browser.newPage(READ_KEY);
      await tab.page.goto(`${fx.url}/console`);
    });
    after(async () => {
      await tab?.page.close();
      await fx?.close();
    });

    const pages: Array<{ hash: string; name: string; ready: (page: Page) => Promise<unknown> }> = [
      { hash: '#/overview', name: 'overview', ready: (p) => p.locator('.stat', { hasText: 'Durability' }).getByText('none').waitFor() },
      { hash: '#/log', name: 'log', ready: (p) => p.locator('tr[data-offset]').nth(3).waitFor() },
      { hash: '#/streams', name: 'streams', ready: (p) => p.getByRole('link', { name: 'acct-2' }).waitFor() },
      { hash: '#/streams/acct-1', name: 'stream', ready: (p) => p.locator('tr[data-offset]').nth(1).waitFor() },
      { hash: '#/views', name: 'views', ready: (p) => p.locator('tr[data-view="tags"]').waitFor() },
      { hash: '#/query', name: 'query', ready: (p) => p.getByRole('button', { name: 'Run query' }).waitFor() },
      { hash: '#/append', name: 'append', ready: (p) => p.getByLabel('Data (JSON)').waitFor() },
    ];
    for (const { hash, name, ready } of pages) {
      it(`loads ${hash} with no console errors and every field labelled`, async () => {
        const { page, errors } = tab;
        errors.length = 0;
        await page.goto(`${fx.url}/console${hash}`);
        await ready(page);
        await browser.screenshot(page, name);
        expect(await unlabelled(page)).to.deep.equal([]);
        expect(errors).to.deep.equal([]);
      });
    }

    it('shows the log end, records, durability and version on the overview', async () => {
      const { page } = tab;
      await page.goto(`${fx.url}/console#/overview`);
      const stat = (label: string) => page.locator('.stat', { hasText: label }).locator('dd');
      await stat('Log end').getByText(fx.store.log.end.toLocaleString('en')).waitFor();
      await stat('Records').getByText('4', { exact: true }).waitFor();
      await stat('Version').getByText('0.1.0').waitFor();
    });

    it('shows the log newest first, filters it by type, and shows a binary record as hex with its size', async () => {
      const { page, errors } = tab;
      errors.length = 0;
      await page.goto(`${fx.url}/console#/log`);
      await page.locator('tr[data-offset]').nth(3).waitFor();
      const show = page.getByRole('button', { name: 'Show', exact: true });
      await page.getByLabel('Order').selectOption('newest');
      await show.click();
      await page.getByText('newest first, from offsets read forward once').waitFor();
      const offsets = await page.locator('tr[data-offset]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-offset'))));
      expect(offsets).to.have.length(4);
      expect(offsets).to.deep.equal([...offsets].sort((a, b) => b - a));

      await page.getByLabel('Type').fill('Deposited');
      await show.click();
      await page.getByText('newest first, from the types view').waitFor();
      expect(await page.locator('tr[data-offset] td:nth-child(4)').allTextContents()).to.deep.equal(['Deposited', 'Deposited']);

      await page.getByLabel('Type').fill('');
      await page.getByLabel('Stream').fill('acct-1');
      await page.getByLabel('Order').selectOption('oldest');
      await show.click();
      // The type filter's table also said "2 records shown": wait for this filter's rows, not for that text.
      await page.waitForFunction(() => [...document.querySelectorAll('tr[data-offset] td:nth-child(2)')].map((td) => td.textContent).join(',') === 'acct-1,acct-1');
      await page.getByText('2 records shown', { exact: false }).waitFor();
      expect(await page.locator('tr[data-offset] td:nth-child(2)').allTextContents()).to.deep.equal(['acct-1', 'acct-1']);

      await page.getByLabel('Stream').fill('');
      await show.click();
      await page.getByText('4 records shown', { exact: false }).waitFor();
      await page.getByRole('button', { name: /^Show record/ }).last().click();
      const detail = page.getByRole('complementary', { name: 'Record detail' });
      await detail.getByText('Binary payload, 10 bytes').waitFor();
      expect(await detail.locator('pre.hex').textContent()).to.contain('89 50 4e 47 0d 0a 1a 0a 00 ff');
      await browser.screenshot(page, 'log-detail-binary');
      await page.getByRole('button', { name: 'Show record 0', exact: true }).click();
      await detail.getByRole('heading', { name: 'Record 0' }).waitFor();
      expect(await detail.locator('pre.json').first().textContent()).to.equal(JSON.stringify({ amount: 100 }, null, 2));
      expect(errors).to.deep.equal([]);
    });

    it('answers a query in the query explorer, with the equivalent curl line without the key', async () => {
      const { page, errors } = tab;
      errors.length = 0;
      await page.goto(`${fx.url}/console#/query/streams/get`);
      await page.getByLabel('stream (required)').fill('acct-1');
      await page.getByRole('button', { name: 'Run query' }).click();
      const answer = page.locator('pre.answer');
      await answer.waitFor();
      expect(JSON.parse((await answer.textContent())!)).to.deep.include({ stream: 'acct-1', revision: 1, count: 2 });
      const curl = (await page.locator('pre.curl').textContent())!;
      expect(curl).to.equal(`curl -s '${fx.url}/views/streams/get?stream=acct-1' -H "authorization: Bearer $SLUICE_API_KEY"`);
      await browser.screenshot(page, 'query-answer');

      await page.getByLabel('stream (required)').fill('nobody');
      await page.getByRole('button', { name: 'Run query' }).click();
      await page.getByRole('alert').getByText('SLUICE_ERR_VIEW_KEY_NOT_FOUND').waitFor();
      // The browser reports the 404 itself; nothing else may go wrong.
      expect(errors.filter((e) => !e.includes('status of 404'))).to.deep.equal([]);
    });

    it('offers no rebuild to a key without the admin scope', async () => {
      const { page } = tab;
      await page.goto(`${fx.url}/console#/views`);
      await page.locator('tr[data-view="streams"]').waitFor();
      expect(await page.getByRole('button', { name: 'Rebuild streams' }).isDisabled()).to.equal(true);
    });

    it('reaches the skip link and the page links with Tab, and opens a page with Enter', async () => {
      const { page } = tab;
      await page.goto(`${fx.url}/console#/overview`);
      await page.reload();
      await page.getByRole('heading', { name: 'Overview' }).waitFor();
      const focused = (): Promise<string> => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
      await page.keyboard.press('Tab');
      expect(await focused()).to.equal('Skip to content');
      await page.keyboard.press('Tab');
      expect(await focused()).to.equal('Overview');
      await page.keyboard.press('Tab');
      expect(await focused()).to.equal('Log');
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { name: 'Log', exact: true }).waitFor();
      expect(await page.getByRole('link', { name: 'Log' }).getAttribute('aria-current')).to.equal('page');
    });

    it('refuses a wrong key and a key without read, then keeps a right one for the tab only', async () => {
      const { page } = await browser.newPage();
      try {
        await page.goto(`${fx.url}/console`);
        await page.getByLabel('API key').waitFor();
        expect(await page.getByRole('alert').count()).to.equal(0);
        await page.getByLabel('API key').fill('not-the-right-key-at-all');
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').getByText('SLUICE_ERR_AUTH_REQUIRED').waitFor();
        expect(await sessionKey(page)).to.equal(null);
        expect(await page.getByRole('navigation').count()).to.equal(0);
        await browser.screenshot(page, 'key-refused');

        await page.getByLabel('API key').fill(APPEND_KEY);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('alert').getByText('SLUICE_ERR_AUTH_FORBIDDEN').waitFor();
        expect(await sessionKey(page)).to.equal(null);

        await page.getByLabel('API key').fill(READ_KEY);
        await page.getByRole('button', { name: 'Sign in' }).click();
        await page.getByRole('navigation', { name: 'Console pages' }).waitFor();
        expect(await sessionKey(page)).to.equal(READ_KEY);
        await page.getByText('key-2 (read)').waitFor();
        await page.getByRole('button', { name: 'Sign out' }).click();
        await page.getByLabel('API key').waitFor();
        expect(await sessionKey(page)).to.equal(null);
      } finally {
        await page.close();
      }
    });

    it('asks for a key again when the one kept for the tab is no longer accepted', async () => {
      const { page } = await browser.newPage('revoked-key-0123456789abcdef');
      try {
        await page.goto(`${fx.url}/console`);
        await page.getByRole('alert').getByText('the server no longer accepts this key').waitFor();
        expect(await page.getByRole('alert').textContent()).to.contain('SLUICE_ERR_AUTH_REQUIRED');
        await page.getByLabel('API key').waitFor();
        expect(await sessionKey(page)).to.equal(null);
      } finally {
        await page.close();
      }
    });
  });

  context('when records are appended while the console is open', () => {
    let fx: HttpFixture;
    let tab: WatchedPage;
    before(async () => {
      fx = await openHttpFixture({ apiKeys: KEYS });
      await seed(fx);
      await fx.listen();
      tab = await browser.newPage(ADMIN_KEY);
    });
    after(async () => {
      await tab?.page.close();
      await fx?.close();
    });

    it('shows a record appended over HTTP in the live tail without a reload', async () => {
      const { page, errors } = tab;
      await page.goto(`${fx.url}/console#/log`);
      await page.locator('tr[data-offset]').nth(3).waitFor();
      await page.getByLabel('Live tail').check();
      await page.locator('.live-state.live').waitFor();
      const appended = await appendOverHttp(fx, 'tail-1', { type: 'Tailed', data: { n: 1 } });
      expect(appended.status).to.equal(201);
      // The issue asks for it within 2 s; waiting longer keeps a loaded CI machine from failing the build.
      const row = page.locator(`tr[data-offset="${appended.json.lastOffset as number}"]`);
      await row.waitFor({ timeout: 10_000 });
      expect(await row.textContent()).to.contain('Tailed');
      await browser.screenshot(page, 'log-live-tail');
      expect(errors).to.deep.equal([]);
    });

    it('appends from the append page, then shows the conflict code for a wrong expected revision, writing nothing more', async () => {
      const { page } = tab;
      await page.goto(`${fx.url}/console#/append`);
      await page.getByLabel('Stream').fill('orders-1');
      await page.getByLabel('Type').fill('Placed');
      await page.getByLabel('Data (JSON)').fill('{"sku":"A-1","qty":2}');
      await page.getByLabel('Tags (comma-separated)').fill('shop, web');
      await page.getByRole('button', { name: 'Append' }).click();
      const result = page.getByRole('status').filter({ hasText: 'Appended' });
      await result.waitFor();
      const shown = JSON.parse((await result.locator('pre').textContent())!) as { lastOffset: number };
      const record = await fx.store.log.read(shown.lastOffset);
      expect(record).to.deep.include({ stream: 'orders-1', revision: 0, type: 'Placed', data: { sku: 'A-1', qty: 2 }, tags: ['shop', 'web'] });
      const end = fx.store.log.end;

      await page.getByLabel('Expected revision').selectOption('no_stream');
      await page.getByRole('button', { name: 'Append' }).click();
      await page.getByRole('alert').getByText('SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION').waitFor();
      await page.getByText('The stream is at revision 0').waitFor();

      await page.getByLabel('Expected revision').selectOption('any');
      await page.getByLabel('Data (JSON)').fill('{not json');
      await page.getByRole('button', { name: 'Append' }).click();
      await page.getByRole('alert').getByText('data is not JSON', { exact: false }).waitFor();
      expect(fx.store.log.end).to.equal(end);
    });
  });

  context('when an admin rebuilds a view', () => {
    let fx: HttpFixture | undefined;
    after(async () => fx?.close());

    it('shows the rebuild progress, then the view ready again, and a failed view\'s error', async () => {
      const slow = slowPlugin();
      // While slow, a rebuild takes 200 x 50 ms, in transactions of 2 records so the server keeps answering between them.
      fx = await openHttpFixture({ apiKeys: KEYS }, { plugins: [slow.plugin], viewBatch: { records: 2 } });
      await fx.store.appendBatch(Array.from({ length: 200 }, (_, i) => ({ stream: `s-${i % 10}`, events: [{ type: 'Counted', data: { i } }] })));
      await waitUntil(() => fx!.store.views.statusOf('slow').lagBytes === 0, 20_000, 'the slow view to catch up');
      await fx.listen();
      const { page, errors } = await browser.newPage(ADMIN_KEY);
      try {
        page.on('dialog', (dialog) => void dialog.accept());
        await page.goto(`${fx.url}/console#/views`);
        const row = page.locator('tr[data-view="slow"]');
        await row.locator('.state.ready').waitFor();
        slow.setSlow(true);
        try {
          await row.getByRole('button', { name: 'Rebuild slow' }).click();
          await row.locator('progress').waitFor();
          await row.locator('.rebuild-progress').getByText(/\d+%/).waitFor();
          await browser.screenshot(page, 'views-rebuilding');
        } finally {
          slow.setSlow(false);
        }
        await row.locator('.state.ready').waitFor({ timeout: 30_000 });
        expect(await row.locator('progress').count()).to.equal(0);

        const boom = await appendOverHttp(fx, 'bad-1', { type: 'boom' });
        const fragile = page.locator('tr[data-view="fragile"]');
        await fragile.locator('.state.failed').waitFor();
        await fragile.getByText(`cannot apply a boom (at offset ${boom.json.lastOffset as number})`, { exact: false }).waitFor();
        expect(errors).to.deep.equal([]);
      } finally {
        await page.close();
      }
    });
  });

  context('when a view is stalled at a damaged record', () => {
    let fx: HttpFixture | undefined;
    const dirs: string[] = [];
    after(async () => {
      await fx?.close();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });

    it('shows the view stalled with the offset, and an admin passes it over the damage with Skip damaged', async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sluice-console-damage-'));
      dirs.push(dataDir);
      const damaged = await writeDamagedStore(dataDir);
      fx = await openHttpFixture({ apiKeys: KEYS }, { dataDir });
      await fx.listen();
      const { page, errors } = await browser.newPage(ADMIN_KEY);
      try {
        page.on('dialog', (dialog) => void dialog.accept());
        await page.goto(`${fx.url}/console#/views`);
        const row = page.locator('tr[data-view="streams"]');
        await row.locator('.state.stalled').waitFor();
        await row.getByText(`(at offset ${damaged.damaged.from})`, { exact: false }).waitFor();
        await row.getByRole('button', { name: 'Skip damaged records in streams' }).click();
        await row.locator('.state.ready').waitFor({ timeout: 20_000 });
        await row.getByText('1 damaged range(s) of log skipped').waitFor();
        expect(fx.store.views.statusOf('streams').skipped?.map((r) => r.from)).to.deep.equal([damaged.damaged.from]);
        expect(errors).to.deep.equal([]);
      } finally {
        await page.close();
      }
    });
  });
});

import { expect } from 'chai';
import { threadId } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../core/logger.js';
import { appendAll, expectMatchesFold, useViewTestKit } from '../helpers/view-test-kit.js';
import threadViews from '../helpers/thread-views-plugin.js';

const THREAD_VIEWS = fileURLToPath(new URL('../helpers/thread-views-plugin.js', import.meta.url));
const STORE_BOUND_VIEWS = fileURLToPath(new URL('../helpers/store-bound-views-plugin.js', import.meta.url));

function deposits(count: number, type = 'deposit'): Array<{ stream: string; events: Array<{ type: string; data: unknown; tags: string[] }> }> {
  return Array.from({ length: count }, (_, i) => ({ stream: `acct-${i % 17}`, events: [{ type, data: { amount: i }, tags: [`t${i % 3}`] }] }));
}

function capturingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info() {}, error() {}, warn(_obj, msg) { warnings.push(msg ?? ''); } };
}

type ThreadRows = Array<{ thread: number; records: number }>;

describe('view round worker', () => {
  const kit = useViewTestKit();

  it('applies every view on a worker thread when the plugins are modules, and a query with after= sees the append', async () => {
    const store = await kit.open({ dataDir: kit.dir(), plugins: [THREAD_VIEWS], viewWorker: true });
    const last = await appendAll(store, deposits(500));
    const rows = (await store.views.query('threads', 'threads', {}, { after: last })) as ThreadRows;
    expect(rows.map((r) => r.thread)).to.not.include(threadId);
    expect(rows.reduce((sum, r) => sum + r.records, 0)).to.equal(500);
  });

  it('answers a query with after= from rows the worker committed, even when another read ran just before', async () => {
    const store = await kit.open({ dataDir: kit.dir(), plugins: [THREAD_VIEWS], viewWorker: true });
    await store.views.query('streams', 'get', { stream: 'ryw' }).catch(() => undefined);
    for (let i = 0; i < 150; i++) {
      const { lastOffset } = await store.append('ryw', [{ type: 'noted', data: { i } }]);
      // The read without after= takes this thread's LMDB snapshot in this turn, before the worker has committed.
      const [fresh] = await Promise.all([
        store.views.query('streams', 'get', { stream: 'ryw' }, { after: lastOffset }),
        store.views.query('streams', 'get', { stream: 'ryw' }).catch(() => undefined),
      ]);
      expect((fresh as { revision: number }).revision, `append ${i}`).to.equal(i);
    }
  });

  it('keeps the first-party views equal to a fresh fold of the log, across a close and a reopen', async () => {
    const dataDir = kit.dir();
    const first = await kit.open({ dataDir, plugins: [THREAD_VIEWS], viewWorker: true });
    await appendAll(first, deposits(300));
    await first.close();
    const store = await kit.open({ dataDir, plugins: [THREAD_VIEWS], viewWorker: true });
    await appendAll(store, deposits(300));
    await store.views.idle();
    for (const name of ['streams', 'types', 'tags']) await expectMatchesFold(store, store.views.definitionOf(name));
    const rows = (await store.views.query('threads', 'threads', {})) as ThreadRows;
    expect(rows.reduce((sum, r) => sum + r.records, 0), 'each record applied once').to.equal(600);
  });

  it('marks a view that throws on the worker failed, with its message, while the others go on', async () => {
    const store = await kit.open({ dataDir: kit.dir(), plugins: [THREAD_VIEWS], viewWorker: true });
    await appendAll(store, deposits(20));
    const boom = await store.append('acct-1', [{ type: 'boom', data: {} }]);
    const last = await appendAll(store, deposits(20));
    await store.views.waitFor('threads', last, 5000);
    await store.views.idle();
    const picky = store.views.statusOf('picky');
    expect(picky.state).to.equal('failed');
    expect(picky.error?.message).to.contain(`picky refuses a boom at ${boom.lastOffset}`);
    expect(picky.error?.offset).to.equal(boom.lastOffset);
    expect(store.views.statusOf('threads').position).to.equal(last);
  });

  it('runs rounds on the calling thread when a plugin is an object rather than a module', async () => {
    const store = await kit.open({ dataDir: kit.dir(), plugins: [threadViews], viewWorker: true });
    const last = await appendAll(store, deposits(50));
    const rows = (await store.views.query('threads', 'threads', {}, { after: last })) as ThreadRows;
    expect(rows).to.deep.equal([{ thread: threadId, records: 50 }]);
  });

  it('falls back to the calling thread, with a warning naming why, when the worker cannot load the same views', async () => {
    const logger = capturingLogger();
    const store = await kit.open({ dataDir: kit.dir(), plugins: [THREAD_VIEWS, STORE_BOUND_VIEWS], viewWorker: true, logger });
    const last = await appendAll(store, deposits(50));
    const rows = (await store.views.query('threads', 'threads', {}, { after: last })) as ThreadRows;
    expect(rows).to.deep.equal([{ thread: threadId, records: 50 }]);
    expect(logger.warnings.join('\n')).to.match(/round worker is not available.*StoreBoundView/);
  });
});

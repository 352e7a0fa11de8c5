// The view engine's API: read-your-writes waits, queries and their typed errors, status and rebuild progress,
// blue-green rebuilds, failure isolation, and read-only observers.
import { expect } from 'chai';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from '../../core/errors.js';
import { openFileLog } from '../../core/log/file-log.js';
import type { LogRecord } from '../../core/log/event-log.js';
import type { SluiceStore } from '../../store/sluice-store.js';
import type { ViewDefinition } from '../../core/view-engine/view-definition.js';
import { listStorages } from '../../core/view-engine/view-meta.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { accountIndex, balances, bankViews, bankWrites, total } from '../helpers/bank-views.js';
import { caught, expectCode } from '../helpers/log-test-kit.js';
import { appendAll, expectMatchesFold, servingOf, throwing, useViewTestKit } from '../helpers/view-test-kit.js';

const bank = (views: ViewDefinition[] = bankViews()) => [definePlugin({ name: 'bank', views })];

/** Yields to the event loop until `condition` holds: a wait on a condition, not a sleep. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** `view` with every apply taking at least `ms`: with one record per batch, a wait outlasts a short timeout. */
function slow(view: ViewDefinition, ms: number): ViewDefinition {
  return {
    ...view,
    apply(record, ctx) {
      const until = Date.now() + ms;
      while (Date.now() < until) { /* an expensive apply */ }
      view.apply(record, ctx);
    },
  };
}

const events = (n: number, type = 't') => Array.from({ length: n }, () => ({ type }));

describe('view-engine', () => {
  const kit = useViewTestKit();

  describe('#waitFor', () => {
    it('lets a query see a write it waited for, under concurrent appends (read-your-writes)', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: bank() });
      const writers = Array.from({ length: 8 }, async (_, w) => {
        for (let i = 0; i < 40; i++) {
          const account = `acct-${w}`;
          const { lastOffset, revisions } = await store.append(account, { type: 'deposit', data: { account, amount: 1 } });
          await store.views.waitFor('streams', lastOffset, 5000);
          const summary = (await store.views.query('streams', 'get', { stream: account })) as { revision: number; lastOffset: number };
          expect(summary.revision).to.be.at.least(revisions[0]!);
          await store.views.waitFor('by-account', lastOffset, 5000);
          const page = (await store.views.query('by-account', 'offsets', { key: account, reverse: true, limit: 1 })) as { offsets: number[] };
          expect(page.offsets[0]).to.be.at.least(lastOffset);
          await store.views.waitFor('balances', lastOffset, 5000);
          const balance = (await store.views.query('balances', 'get', { key: account })) as { state: { deposits: number } };
          expect(balance.state.deposits).to.be.at.least(i + 1);
        }
      });
      await Promise.all(writers);
      await store.views.idle();
      for (const def of bankViews()) await expectMatchesFold(store, def);
    });

    it('resolves at once for an offset the view has applied', async () => {
      const store = await kit.open({ dataDir: kit.dir() });
      const { lastOffset } = await store.append('s', { type: 't' });
      await store.views.waitFor('types', lastOffset, 5000);
      await store.views.waitFor('types', 0, 0);
    });

    it('rejects with VIEW_WAIT_TIMEOUT naming the view, offset and position when the view does not get there in time', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: bank([slow(total(), 25)]), viewBatch: { records: 1 } });
      const { lastOffset } = await store.append('s', events(5));
      const err = await expectCode(() => store.views.waitFor('total', lastOffset, 10), 'SLUICE_ERR_VIEW_WAIT_TIMEOUT');
      expect(err.details).to.include({ view: 'total', offset: lastOffset, timeout: 10 });
      expect(err.details!.position).to.be.below(lastOffset);
    });

    context('when the offset is not a record the log holds', () => {
      it('refuses at once an offset at or past the log end, naming the end (LOG_OFFSET_PAST_END)', async () => {
        const store = await kit.open({ dataDir: kit.dir() });
        const { end } = await store.append('s', { type: 't' });
        for (const offset of [end, end + 1000]) {
          const err = await expectCode(() => store.views.waitFor('types', offset, 60_000), 'SLUICE_ERR_LOG_OFFSET_PAST_END');
          expect(err.details).to.include({ offset, end });
        }
      });

      it('refuses an offset inside a record (LOG_NO_RECORD)', async () => {
        const store = await kit.open({ dataDir: kit.dir() });
        const { lastOffset } = await store.append('s', [{ type: 't' }, { type: 't' }]);
        await expectCode(() => store.views.waitFor('types', lastOffset + 1, 60_000), 'SLUICE_ERR_LOG_NO_RECORD');
      });
    });

    it('rejects pending waits when the store closes, and refuses bad offsets and unknown views', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: bank([slow(total(), 5)]), viewBatch: { records: 1 } });
      const { lastOffset } = await store.append('s', events(20));
      const waiting = caught(() => store.views.waitFor('total', lastOffset, 60_000));
      await store.close();
      expect((await waiting).code).to.equal('SLUICE_ERR_LOG_CLOSED');
      await expectCode(() => store.views.waitFor('types', 0, 10), 'SLUICE_ERR_LOG_CLOSED');
      await expectCode(() => store.views.waitFor('types', -1, 10), 'SLUICE_ERR_LOG_OFFSET_INVALID');
      await expectCode(() => store.views.waitFor('nope', 0, 10), 'SLUICE_ERR_VIEW_NOT_FOUND');
    });

    it('rejects a pending wait with VIEW_FAILED when the view fails before reaching it', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: bank([throwing(total(), (r) => r.type === 'boom')]), viewBatch: { records: 1 } });
      const { offsets } = await store.append('s', [{ type: 'ok' }, { type: 'ok' }, { type: 'boom' }]);
      const err = await caught(() => store.views.waitFor('total', offsets[2]!, 5000));
      expect(err.code).to.equal('SLUICE_ERR_VIEW_FAILED');
      expect(err.details).to.include({ view: 'total', offset: offsets[2] });
      const query = await expectCode(() => store.views.query('total', 'get', {}), 'SLUICE_ERR_VIEW_FAILED');
      expect(query.details).to.include({ view: 'total', offset: offsets[2] });
    });
  });

  describe('#query', () => {
    it('validates params against the query schema, coercing HTTP strings to the declared types', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: bank() });
      await appendAll(store, bankWrites(30, 2));
      await store.views.idle();
      const page = (await store.views.query('by-account', 'offsets', { prefix: 'acct-', limit: '2', reverse: 'true' })) as { offsets: number[]; cursor: string };
      expect(page.offsets).to.have.length(2);
      expect(page.offsets[0]).to.be.greaterThan(page.offsets[1]!);
      const invalid = await expectCode(() => store.views.query('by-account', 'offsets', { limit: 'many' }), 'SLUICE_ERR_VIEW_QUERY_INVALID');
      expect(invalid.details).to.include({ view: 'by-account', query: 'offsets' });
      await expectCode(() => store.views.query('by-account', 'offsets', { colour: 'red' }), 'SLUICE_ERR_VIEW_QUERY_INVALID');
      await expectCode(() => store.views.query('by-account', 'offsets', { limit: 0 }), 'SLUICE_ERR_VIEW_QUERY_INVALID');
      await expectCode(() => store.views.query('by-account', 'offsets', { cursor: 'bm90IGEgY3Vyc29y' }), 'SLUICE_ERR_VIEW_QUERY_INVALID');
      await expectCode(() => store.views.query('by-account', 'nope', {}), 'SLUICE_ERR_VIEW_QUERY_NOT_FOUND');
      await expectCode(() => store.views.query('nope', 'records', {}), 'SLUICE_ERR_VIEW_NOT_FOUND');
    });

    it('answers VIEW_REBUILDING with progress while a new version builds and nothing can serve', async () => {
      const dataDir = kit.dir();
      let store = await kit.open({ dataDir, plugins: bank([accountIndex(1)]) });
      await appendAll(store, bankWrites(3000, 4), 500);
      await store.close();
      store = await kit.open({ dataDir, plugins: bank([accountIndex(2)]), viewBatch: { records: 100 } });
      const status = store.views.statusOf('by-account');
      expect(status).to.include({ state: 'rebuilding', version: 2, serving: false });
      const err = await expectCode(() => store.views.query('by-account', 'offsets', { key: 'acct-1' }), 'SLUICE_ERR_VIEW_REBUILDING');
      expect(err.details).to.include({ view: 'by-account' });
      await until(() => (store.views.statusOf('by-account').etaMs ?? null) !== null);
      const midway = store.views.statusOf('by-account');
      expect(midway.progress).to.be.within(0, 1);
      expect(midway.etaMs).to.be.at.least(0);
      expect(midway.lagBytes).to.be.greaterThan(0);
      await store.views.idle();
      expect(store.views.statusOf('by-account')).to.include({ state: 'ready', progress: 1, etaMs: null, serving: true, lagRecords: 0 });
    });
  });

  describe('#rebuild', () => {
    it('keeps serving the old build while the new one catches up, then swaps and drops the old one (blue-green)', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: bank(), viewBatch: { records: 50 } });
      await appendAll(store, bankWrites(2000, 5), 500);
      await store.views.idle();
      const old = servingOf(store, 'by-account');
      await store.views.rebuild('by-account');
      await store.views.rebuild('by-account'); // already rebuilding: no second build
      const status = store.views.statusOf('by-account');
      expect(status).to.include({ state: 'rebuilding', serving: true });
      const during = (await store.views.query('by-account', 'offsets', { key: 'acct-3' })) as { offsets: number[] };
      expect(during.offsets.length).to.be.greaterThan(0);
      const { lastOffset } = await store.append('acct-3', { type: 'deposit', data: { account: 'acct-3', amount: 5 } });
      await store.views.waitFor('by-account', lastOffset, 5000); // the serving build follows the log meanwhile
      await store.views.idle();
      const fresh = servingOf(store, 'by-account');
      expect(fresh.build).to.be.greaterThan(old.build);
      expect(old.dropped).to.equal(true);
      expect(store.viewStore.dbNamesOf(old.id)).to.deep.equal([]);
      expect(listStorages(store.viewStore.meta, 'by-account').map((s) => s.build)).to.deep.equal([fresh.build]);
      await expectMatchesFold(store, accountIndex());
    });

    it('drops the old build only after the queries reading it finish', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => { release = resolve; });
      const slow: ViewDefinition = {
        ...accountIndex(),
        queries: { ...accountIndex().queries, slow: { params: { type: 'object' }, async handler(_p, ctx) { await gate; return [...ctx.dbs.index!.getKeys()].length; } } },
      };
      const store = await kit.open({ dataDir: kit.dir(), plugins: bank([slow]) });
      await appendAll(store, bankWrites(100, 6));
      await store.views.idle();
      const old = servingOf(store, 'by-account');
      const reading = store.views.query('by-account', 'slow', {});
      await store.views.rebuild('by-account');
      await store.views.idle();
      expect(old.dropped).to.equal(false);
      release();
      expect(await reading).to.be.greaterThan(0);
      expect(old.dropped).to.equal(true);
    });

    it('refuses unknown views', async () => {
      const store = await kit.open({ dataDir: kit.dir() });
      await expectCode(() => store.views.rebuild('nope'), 'SLUICE_ERR_VIEW_NOT_FOUND');
    });
  });

  describe('when a view\'s apply throws', () => {
    it('marks only that view failed, with the error and offset, while the log and other views go on', async () => {
      const boom = (r: LogRecord) => (r.data as { amount?: number } | null)?.amount === 13;
      const store = await kit.open({ dataDir: kit.dir(), plugins: bank([throwing(balances(), boom), accountIndex()]) });
      const { offsets } = await store.append('acct-1', [
        { type: 'deposit', data: { account: 'acct-1', amount: 12 } },
        { type: 'deposit', data: { account: 'acct-1', amount: 13 } },
      ]);
      const after = await store.append('acct-2', { type: 'deposit', data: { account: 'acct-2', amount: 1 } });
      await store.views.idle();
      const status = store.views.statusOf('balances');
      expect(status).to.include({ state: 'failed', serving: false, position: null });
      expect(status.error).to.deep.equal({ message: `boom at ${offsets[1]}`, offset: offsets[1] });
      expect(store.views.statusOf('by-account')).to.include({ state: 'ready', position: after.lastOffset });
      expect(await store.views.query('by-account', 'offsets', { key: 'acct-1' })).to.deep.equal({ offsets: offsets, cursor: null });
      await expectMatchesFold(store, accountIndex());
      const err = await expectCode(() => store.views.query('balances', 'get', { key: 'acct-1' }), 'SLUICE_ERR_VIEW_FAILED');
      expect(err.details).to.include({ view: 'balances', offset: offsets[1] });
      expect(err).to.be.instanceOf(SluiceError);
    });

    it('stays failed across a restart, and a new version clears it', async () => {
      const dataDir = kit.dir();
      let store: SluiceStore = await kit.open({ dataDir, plugins: bank([throwing(total(1), (r) => r.type === 'boom')]) });
      await store.append('s', [{ type: 'ok' }, { type: 'boom' }, { type: 'ok' }]);
      await store.views.idle();
      await store.close();
      store = await kit.open({ dataDir, plugins: bank([throwing(total(1), (r) => r.type === 'boom')]) });
      expect(store.views.statusOf('total').state).to.equal('failed');
      await store.close();
      store = await kit.open({ dataDir, plugins: bank([total(2)]) });
      await store.views.idle();
      expect(store.views.statusOf('total')).to.include({ state: 'ready', version: 2 });
      expect(await store.views.query('total', 'get', {})).to.deep.equal({ state: { sum: 0, count: 3 } });
    });
  });

  context('when following the log fails outside any view (a damaged record)', () => {
    it('stops following, keeps every view serving what it has, and reports the error and offset in status', async () => {
      const dataDir = kit.dir();
      const writer = await kit.open({ dataDir });
      const { lastOffset } = await writer.append('a', { type: 't', data: 1 });
      await writer.views.waitFor('streams', lastOffset, 5000);
      await writer.close();
      // Two more records the views have not seen; the first of them is then damaged.
      const log = await openFileLog({ dir: join(dataDir, 'log') });
      const damaged = await log.append('b', { type: 't', data: 'x'.repeat(64) });
      await log.append('c', { type: 't', data: 3 });
      await log.close();
      const segment = join(dataDir, 'log', '00000000000000000000.seg');
      const bytes = readFileSync(segment);
      bytes[damaged.lastOffset + 60] ^= 0xff;
      writeFileSync(segment, bytes);

      const store = await kit.open({ dataDir });
      await until(() => store.views.statusOf('streams').error !== undefined);
      for (const status of store.views.status()) {
        expect(status.error?.offset, status.name).to.equal(damaged.lastOffset);
        expect(status.serving, status.name).to.equal(true);
      }
      expect(await store.views.query('streams', 'get', { stream: 'a' })).to.include({ revision: 0 });
      await expectCode(() => store.views.query('streams', 'get', { stream: 'c' }), 'SLUICE_ERR_VIEW_KEY_NOT_FOUND');
    });
  });

  describe('#status', () => {
    it('lists every view with its queries and reports each one ready at the log end', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: bank() });
      const { end } = await store.append('acct-1', { type: 'deposit', data: { account: 'acct-1', amount: 3 } });
      await store.views.idle();
      expect(store.views.list().map((v) => v.name)).to.deep.equal(['streams', 'types', 'tags', 'by-account', 'balances', 'total']);
      const streams = store.views.list().find((v) => v.name === 'streams')!;
      expect(streams.queries.map((q) => q.name)).to.deep.equal(['get', 'list', 'events']);
      for (const status of store.views.status()) {
        expect(status).to.include({ state: 'ready', lagBytes: 0, lagRecords: 0, progress: 1, etaMs: null, position: 0 });
        expect(store.log.end).to.equal(end);
      }
    });
  });

  describe('pacing of small rounds', () => {
    // A pause far longer than the test's timeout: whatever ends it early is what these tests are about.
    const LONG_PAUSE = { records: 1024, ms: 10 * 60_000 };

    it('holds appends that arrive after a small round for the next transaction instead of a commit each', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: bank(), viewPace: LONG_PAUSE });
      await store.append('acct-1', { type: 'deposit', data: { account: 'acct-1', amount: 1 } });
      await store.views.idle();
      const first = servingOf(store, 'streams').meta.position;
      // The next append starts a round at once; the two after it arrive during the pause that follows.
      const second = await store.append('acct-1', { type: 'deposit', data: { account: 'acct-1', amount: 2 } });
      await until(() => servingOf(store, 'streams').meta.position === second.lastOffset);
      const third = await store.append('acct-1', { type: 'deposit', data: { account: 'acct-1', amount: 3 } });
      const fourth = await store.append('acct-1', { type: 'deposit', data: { account: 'acct-1', amount: 4 } });
      for (let turn = 0; turn < 50; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(servingOf(store, 'streams').meta.position).to.equal(second.lastOffset);
      expect(first).to.be.below(second.lastOffset);
      // Someone waiting for the third ends the pause; the third and fourth commit in one round.
      const before = servingOf(store, 'streams').meta.records;
      await store.views.waitFor('streams', third.lastOffset, 5000);
      expect(servingOf(store, 'streams').meta.position).to.equal(fourth.lastOffset);
      expect(servingOf(store, 'streams').meta.records).to.equal(before + 2);
      expect(await store.views.query('streams', 'get', { stream: 'acct-1' })).to.include({ revision: 3, count: 4 });
    });

    it('ends the pause for idle() and close(), so neither waits it out', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: bank(), viewPace: LONG_PAUSE });
      await store.append('acct-1', { type: 'deposit', data: { account: 'acct-1', amount: 1 } });
      await store.views.idle();
      const second = await store.append('acct-2', { type: 'deposit', data: { account: 'acct-2', amount: 2 } });
      await until(() => servingOf(store, 'by-account').meta.position === second.lastOffset);
      const third = await store.append('acct-3', { type: 'deposit', data: { account: 'acct-3', amount: 3 } });
      await store.views.idle();
      expect(servingOf(store, 'by-account').meta.position).to.equal(third.lastOffset);
      await store.append('acct-4', { type: 'deposit', data: { account: 'acct-4', amount: 4 } });
      await store.close();
    });
  });

  describe('in a read-only store beside a writer', () => {
    it('answers queries and status from what the writer committed, and waits for its progress', async () => {
      const dataDir = kit.dir();
      const writer = await kit.open({ dataDir, plugins: bank() });
      await appendAll(writer, bankWrites(50, 12));
      await writer.views.idle();
      const reader = await kit.open({ dataDir, plugins: bank(), readOnly: true });
      expect(reader.views.statusOf('by-account')).to.include({ state: 'ready', position: writer.views.statusOf('by-account').position });
      expect(await reader.views.query('balances', 'list', { limit: 3 })).to.deep.equal(await writer.views.query('balances', 'list', { limit: 3 }));
      const { lastOffset } = await writer.append('acct-1', { type: 'deposit', data: { account: 'acct-1', amount: 1 } });
      await reader.log.refresh();
      await reader.views.waitFor('by-account', lastOffset, 5000);
      await expectCode(() => reader.views.waitFor('by-account', lastOffset + 10_000, 30), 'SLUICE_ERR_LOG_OFFSET_PAST_END');
      await expectCode(() => reader.views.rebuild('by-account'), 'SLUICE_ERR_LOG_READ_ONLY');
    });
  });
});

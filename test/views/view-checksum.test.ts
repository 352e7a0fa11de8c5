// The running checksum of a view's rows: kept in the same transaction as the rows, equal to a checksum recomputed
// from every stored row, and the same for the same log whatever the batch boundaries.
import { expect } from 'chai';
import { join } from 'node:path';
import { openFileLog } from '../../core/log/file-log.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { checksumOfRows, EMPTY_CHECKSUM, type RawRow } from '../../core/view-engine/row-checksum.js';
import type { ViewDefinition } from '../../core/view-engine/view-definition.js';
import { listStorages } from '../../core/view-engine/view-meta.js';
import { reindexViews } from '../../core/view-engine/view-reindex.js';
import { ViewStorage } from '../../core/view-engine/view-storage.js';
import { ViewStore } from '../../core/view-engine/view-store.js';
import type { SluiceStore } from '../../store/sluice-store.js';
import { indexView } from '../../views/index-view.js';
import { keyedStateView } from '../../views/keyed-state-view.js';
import { reducerView } from '../../views/reducer-view.js';
import { SeededRandom } from '../helpers/seeded-random.js';
import { appendAll, servingOf, throwing, useViewTestKit } from '../helpers/view-test-kit.js';

/** Writes with every write method, including removes of whole dupsort keys and of single values. */
const churn: ViewDefinition = {
  name: 'churn', version: 1,
  dbs: { plain: {}, dups: { dupSort: true, encoding: 'ordered-binary' }, json: { encoding: 'json' }, packed: { dupSort: true } },
  apply(record, { dbs }) {
    const { n, op } = record.data as { n: number; op: number };
    const key = `k${n % 7}`;
    if (op === 0) dbs.plain!.put(key, { n, at: record.offset });
    if (op === 1) dbs.plain!.remove(key);
    if (op === 2) dbs.dups!.put(key, n % 5);
    if (op === 3) dbs.dups!.remove(key, n % 5);
    if (op === 4) dbs.dups!.remove(key);
    if (op === 5) dbs.json!.putSync([key, n % 3], `v${n}`);
    if (op === 6) dbs.json!.removeSync([key, n % 3]);
    if (op === 7) dbs.plain!.put(key, { same: true });
    if (op === 8) dbs.dups!.putSync(key, `s${n % 3}`);
    if (op === 9) dbs.dups!.removeSync(key, `s${n % 3}`);
    if (op === 10) dbs.plain!.putSync(key, n);
    if (op === 11) dbs.plain!.removeSync(key);
    if (op === 12) dbs.packed!.put(key, n % 4);
    if (op === 13) dbs.packed!.removeSync(key);
  },
  queries: {},
};

const views: ViewDefinition[] = [
  churn,
  indexView({ name: 'by-key', version: 1, keys: (r) => `k${(r.data as { n: number }).n % 11}` }),
  keyedStateView({
    name: 'state', version: 1, key: (r) => `k${(r.data as { n: number }).n % 5}`, initial: 0,
    evolve: (s: number, r) => ((r.data as { op: number }).op === 1 ? undefined : s + 1),
  }),
  reducerView({ name: 'total', version: 1, initial: 0, reduce: (s: number, r) => s + (r.data as { n: number }).n }),
];

function recomputed(storage: ViewStorage): { checksum: string; rows: number } {
  return checksumOfRows(Object.fromEntries(Object.entries(storage.rawDbs).map(([name, db]) => [name, db.getRange() as Iterable<RawRow>])));
}

async function fill(store: SluiceStore, seed: number, count: number): Promise<void> {
  const random = new SeededRandom(seed);
  const writes = Array.from({ length: count }, (_, i) => ({ stream: `s${i % 4}`, events: [{ type: 't', data: { n: random.int(0, 40), op: random.int(0, 13) }, tags: [`g${i % 3}`] }] }));
  await appendAll(store, writes, 17);
  await store.views.idle();
}

describe('view row checksum', () => {
  const kit = useViewTestKit();

  context('when views put, overwrite and remove rows over many batches', () => {
    it('keeps a running checksum and row count equal to those of the stored rows', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: [definePlugin({ name: 'p', views })], viewBatch: { records: 13 } });
      await fill(store, 3, 400);
      for (const { name } of store.views.list()) {
        const storage = servingOf(store, name);
        const status = store.views.statusOf(name);
        expect(status.checksum, name).to.match(/^[0-9a-f]{16}$/);
        expect({ checksum: status.checksum, rows: status.rows }, name).to.deep.equal(recomputed(storage));
      }
      expect(store.views.statusOf('churn').checksum).to.not.equal(EMPTY_CHECKSUM);
    });
  });

  context('when the same log is applied in different batches', () => {
    it('gives every view the same checksum', async () => {
      const a = await kit.open({ dataDir: kit.dir(), plugins: [definePlugin({ name: 'p', views })], viewBatch: { records: 1 } });
      const b = await kit.open({ dataDir: kit.dir(), plugins: [definePlugin({ name: 'p', views })], viewBatch: { records: 1000 } });
      await fill(a, 9, 150);
      await fill(b, 9, 150);
      for (const { name } of a.views.list()) expect(a.views.statusOf(name).checksum, name).to.equal(b.views.statusOf(name).checksum);
    });

    it('gives different checksums to different rows', async () => {
      const a = await kit.open({ dataDir: kit.dir(), plugins: [definePlugin({ name: 'p', views })] });
      const b = await kit.open({ dataDir: kit.dir(), plugins: [definePlugin({ name: 'p', views })] });
      await fill(a, 1, 60);
      await fill(b, 2, 60);
      expect(a.views.statusOf('churn').checksum).to.not.equal(b.views.statusOf('churn').checksum);
    });
  });

  context('when views build over a log that already holds records', () => {
    it('give a build no checksum until it catches up, then the checksum of its rows', async () => {
      const dataDir = kit.dir();
      const live = await kit.open({ dataDir, plugins: [definePlugin({ name: 'p', views })] });
      await fill(live, 4, 300);
      const kept = new Map(views.map((v) => [v.name, live.views.statusOf(v.name).checksum]));
      await live.close();
      const log = await openFileLog({ dir: join(dataDir, 'log'), readOnly: true });
      const store = ViewStore.open(kit.dir(), { writer: true });
      try {
        const stop = new AbortController();
        let reports = 0;
        await reindexViews({ log, store, views, builder: 'test', batch: { records: 13 }, signal: stop.signal, onProgress: () => ++reports === 2 && stop.abort() });
        for (const view of views) {
          const [build] = listStorages(store.meta, view.name);
          expect(build, view.name).to.include({ state: 'building', checksumDeferred: true });
          expect(build!.checksum, view.name).to.equal(undefined);
        }
        await reindexViews({ log, store, views, builder: 'test', batch: { records: 13 } });
        for (const view of views) {
          const [build] = listStorages(store.meta, view.name);
          expect(build, view.name).to.include({ state: 'ready', checksum: kept.get(view.name) });
          expect(build!.checksumDeferred, view.name).to.equal(undefined);
          expect({ checksum: build!.checksum, rows: build!.rows }, view.name).to.deep.equal(recomputed(new ViewStorage(view, build!, store)));
        }
      } finally {
        await store.close();
        await log.close();
      }
    });

    it('keep the running checksum from the moment the build is ready', async () => {
      const kept = await kit.open({ dataDir: kit.dir(), plugins: [definePlugin({ name: 'p', views })] });
      await fill(kept, 6, 150);
      await fill(kept, 7, 150);
      const dataDir = kit.dir();
      const first = await kit.open({ dataDir });
      await fill(first, 6, 150);
      await first.close();
      const built = await kit.open({ dataDir, plugins: [definePlugin({ name: 'p', views })], viewBatch: { records: 13 } });
      await built.views.idle();
      await fill(built, 7, 150);
      for (const { name } of views) {
        const status = built.views.statusOf(name);
        expect({ checksum: status.checksum, rows: status.rows }, name).to.deep.equal(recomputed(servingOf(built, name)));
        expect(status.checksum, name).to.equal(kept.views.statusOf(name).checksum);
      }
    });
  });

  context('when a build catches up in a transaction that another view aborts', () => {
    it('gives it the checksum of its rows in the transaction redone without that view', async () => {
      const dataDir = kit.dir();
      const first = await kit.open({ dataDir });
      await fill(first, 8, 120);
      const last = first.log.end;
      await first.close();
      const failing = throwing({ ...views[2]!, name: 'failing' }, (record) => record.next === last);
      const store = await kit.open({ dataDir, plugins: [definePlugin({ name: 'p', views: [views[0]!, views[1]!, failing] })] });
      await store.views.idle();
      expect(store.views.statusOf('failing').state).to.equal('failed');
      for (const name of [views[0]!.name, views[1]!.name]) {
        const status = store.views.statusOf(name);
        expect(status.state, name).to.equal('ready');
        expect({ checksum: status.checksum, rows: status.rows }, name).to.deep.equal(recomputed(servingOf(store, name)));
      }
    });
  });

  context('when the store is reopened', () => {
    it('keeps the checksum it committed with the rows', async () => {
      const dataDir = kit.dir();
      const first = await kit.open({ dataDir, plugins: [definePlugin({ name: 'p', views })] });
      await fill(first, 5, 40);
      const before = first.views.status().map((s) => [s.name, s.checksum, s.rows]);
      await first.close();
      const second = await kit.open({ dataDir, plugins: [definePlugin({ name: 'p', views })] });
      expect(second.views.status().map((s) => [s.name, s.checksum, s.rows])).to.deep.equal(before);
    });
  });

  context('when a view has no rows', () => {
    it('shows the empty checksum', async () => {
      const store = await kit.open({ dataDir: kit.dir() });
      await store.views.idle();
      expect(store.views.statusOf('streams')).to.include({ checksum: EMPTY_CHECKSUM, rows: 0 });
    });
  });
});

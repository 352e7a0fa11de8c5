// Verification: a rebuild into scratch storage compared row by row with the live build (also while appends keep
// the live build moving), and the determinism check that applies the log twice.
import { expect } from 'chai';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { definePlugin } from '../../plugins/define-plugin.js';
import type { ViewDefinition } from '../../core/view-engine/view-definition.js';
import type { SluiceStore } from '../../store/sluice-store.js';
import { keyedStateView } from '../../views/keyed-state-view.js';
import { expectCode } from '../helpers/log-test-kit.js';
import { appendAll, servingOf, throwing, useViewTestKit } from '../helpers/view-test-kit.js';

const counts: ViewDefinition = {
  name: 'counts', version: 1, dbs: { counts: {} },
  apply(record, { dbs }) { dbs.counts!.put(record.type, ((dbs.counts!.get(record.type) as number | undefined) ?? 0) + 1); },
  queries: {},
};

const balances = keyedStateView({ name: 'balances', version: 1, key: (r) => r.stream, initial: 0, evolve: (n: number) => n + 1 });

/** Writes a random number per record: the determinism check must catch it. */
const randomView: ViewDefinition = {
  name: 'random', version: 1, dbs: { rows: {} },
  apply(record, { dbs }) { dbs.rows!.put(record.offset, Math.random()); },
  queries: {},
};

/** Stamps rows with the clock. */
const clockView: ViewDefinition = {
  name: 'clock', version: 1, dbs: { rows: {} },
  apply(record, { dbs }) { dbs.rows!.put(record.stream, Date.now()); },
  queries: {},
};

let calls = 0;
/** Counts in module state that outlives a build. */
const globalView: ViewDefinition = {
  name: 'global', version: 1, dbs: { rows: {} },
  apply(record, { dbs }) { dbs.rows!.put(record.offset, ++calls); },
  queries: {},
};

/** Writes how many records its batch held: right one by one, wrong across batch boundaries. */
const batchView: ViewDefinition = {
  name: 'batchy', version: 1, dbs: { rows: {} },
  apply(record, { batch }) { batch.set('n', ((batch.get('n') as number | undefined) ?? 0) + 1); batch.set('last', record.offset); },
  flush({ dbs, batch }) { if (batch.has('n')) dbs.rows!.put('size', batch.get('n') === 1 ? 'one' : 'many'); },
  queries: {},
};

async function seeded(kit: ReturnType<typeof useViewTestKit>, views: ViewDefinition[], records = 120): Promise<SluiceStore> {
  const store = await kit.open({ dataDir: kit.dir(), plugins: [definePlugin({ name: 'p', views })] });
  await appendAll(store, Array.from({ length: records }, (_, i) => ({ stream: `s${i % 9}`, events: [{ type: `t${i % 4}`, data: { i }, tags: [`g${i % 2}`] }] })), 10);
  await store.views.idle();
  return store;
}

function scratchEntries(store: SluiceStore): string[] {
  const dir = join(store.dataDir, 'views-scratch');
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('view verification', () => {
  const kit = useViewTestKit();

  context('when the live build equals a rebuild', () => {
    it('reports every view equal, with matching checksums and row counts, and removes its scratch storage', async () => {
      const store = await seeded(kit, [counts, balances]);
      for (const { name } of store.views.list()) {
        const report = await store.views.verify(name);
        expect(report, name).to.include({ view: name, equal: true, differences: 0, first: null, rebuildError: null });
        expect(report.position, name).to.equal(servingOf(store, name).meta.position);
        expect(report.checksums.live, name).to.equal(report.checksums.rebuilt);
        expect(report.checksums.liveRows, name).to.equal(report.checksums.rebuilt);
        expect(report.rows.live, name).to.equal(report.rows.rebuilt);
      }
      expect(scratchEntries(store)).to.deep.equal([]);
    });

    it('removes scratch storage a dead verification left behind', async () => {
      const store = await seeded(kit, [counts], 5);
      // pid 2^22 + 1 is above Linux's pid_max: no process has it.
      const stale = join(store.dataDir, 'views-scratch', `verify-${2 ** 22 + 1}-x`);
      mkdirSync(stale, { recursive: true });
      expect((await store.views.verify('counts')).equal).to.equal(true);
      expect(existsSync(stale)).to.equal(false);
    });
  });

  context('when appends keep the live build moving', () => {
    it('compares both builds at the same position', async () => {
      const store = await seeded(kit, [counts], 50);
      let appending = true;
      const appender = (async () => {
        for (let i = 0; appending && i < 2000; i++) await store.append('busy', { type: `b${i % 3}` });
      })();
      const progress: number[] = [];
      const report = await store.views.verify('counts', { onProgress: (p) => progress.push(p.next) });
      appending = false;
      await appender;
      expect(report).to.include({ equal: true, differences: 0 });
      expect(report.position).to.be.at.least(0);
      expect(progress.length).to.be.greaterThan(0);
    });
  });

  context('when live rows were changed behind the view\'s back', () => {
    it('counts the differences and names the first sub-database, key and both values', async () => {
      const store = await seeded(kit, [counts]);
      const live = servingOf(store, 'counts');
      store.viewStore.write(() => {
        live.dbs.counts!.putSync('t1', 999);
        live.dbs.counts!.putSync('zzz', 1);
        live.dbs.counts!.removeSync('t3');
      });
      const report = await store.views.verify('counts');
      expect(report).to.include({ equal: false, differences: 3 });
      expect(report.first).to.deep.equal({ db: 'counts', key: 't1', live: 999, rebuilt: 30 });
      // The running checksum no longer matches the rows it describes.
      expect(report.checksums.live).to.not.equal(report.checksums.liveRows);
      expect(report.checksums.live).to.equal(report.checksums.rebuilt);
    });

    it('reports a row missing from the rebuild', async () => {
      const store = await seeded(kit, [counts]);
      const live = servingOf(store, 'counts');
      store.viewStore.write(() => live.dbs.counts!.putSync('a-extra', 5));
      const report = await store.views.verify('counts');
      expect(report).to.include({ equal: false, differences: 1 });
      expect(report.first).to.deep.equal({ db: 'counts', key: 'a-extra', live: 5, rebuilt: undefined });
    });
  });

  context('when the view cannot be compared', () => {
    it('refuses a failed view with SLUICE_ERR_VIEW_VERIFY_UNAVAILABLE', async () => {
      const store = await seeded(kit, [throwing(counts, (r) => r.offset > 0)], 5);
      await expectCode(() => store.views.verify('counts'), 'SLUICE_ERR_VIEW_VERIFY_UNAVAILABLE');
    });

    it('refuses an unknown view with SLUICE_ERR_VIEW_NOT_FOUND', async () => {
      const store = await seeded(kit, [], 1);
      await expectCode(() => store.views.verify('nope'), 'SLUICE_ERR_VIEW_NOT_FOUND');
    });
  });

  describe('#checkDeterminism', () => {
    it('passes deterministic views, first-party and keyed state alike', async () => {
      const store = await seeded(kit, [counts, balances], 80);
      for (const name of ['streams', 'tags', 'counts', 'balances']) {
        const report = await store.views.checkDeterminism(name);
        expect(report, name).to.include({ deterministic: true, first: null, records: 80 });
        expect(report.checksum, name).to.equal(store.views.statusOf(name).checksum);
      }
      expect(scratchEntries(store)).to.deep.equal([]);
    });

    it('catches a view that uses Math.random(), naming the first record', async () => {
      const store = await seeded(kit, [randomView], 30);
      const report = await store.views.checkDeterminism('random');
      expect(report.deterministic).to.equal(false);
      expect(report.first).to.include({ offset: store.log.start, to: store.log.start });
    });

    it('catches a view that reads the clock', async () => {
      const store = await seeded(kit, [clockView], 5);
      expect((await store.views.checkDeterminism('clock')).deterministic).to.equal(false);
    });

    it('catches a view that keeps global mutable state', async () => {
      const store = await seeded(kit, [globalView], 5);
      expect((await store.views.checkDeterminism('global')).deterministic).to.equal(false);
    });

    it('catches a view whose rows depend on batch boundaries, naming the batch', async () => {
      const store = await seeded(kit, [batchView], 10);
      const report = await store.views.checkDeterminism('batchy');
      expect(report.deterministic).to.equal(false);
      const records = (await store.log.readBatch(store.log.start, { limit: 10, maxBytes: 1 << 20 })).records;
      // Batches of 1 then 2 records: the second batch is the first whose rows differ.
      expect(report.first).to.include({ offset: records[1]!.offset, to: records[2]!.offset });
    });
  });
});

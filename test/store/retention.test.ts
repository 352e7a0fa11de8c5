// Retention through the store: whole sealed segments removed from the front, the first offset moves, reads below
// it answer 410 naming it, revisions continue, and a view rebuilt afterwards covers exactly the kept window.
import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { loadConfig } from '../../config/config.js';
import { isSluiceError } from '../../core/errors.js';
import { segmentFileName } from '../../core/log/segment-names.js';
import type { SluiceStore } from '../../store/sluice-store.js';
import { runCli } from '../helpers/cli-fixture.js';
import { openHttpFixture } from '../helpers/http-fixture.js';
import { waitFor } from '../helpers/log-test-kit.js';
import { expectMatchesFold, throwing, useViewTestKit } from '../helpers/view-test-kit.js';
import type { RoundRunnerFactory } from '../../core/view-engine/round-runner.js';
import { TOKENS } from '../../core/tokens.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { typesView } from '../../views/index.js';

const DAY = 24 * 3600 * 1000;

async function fill(store: SluiceStore, count: number, ts?: number): Promise<void> {
  for (let i = 0; i < count; i += 10) {
    await store.appendBatch(Array.from({ length: 10 }, (_, j) => ({ stream: `s-${(i + j) % 7}`, events: [{ type: 'T', data: { i: i + j, pad: 'x'.repeat(60) }, ...(ts === undefined ? {} : { ts }) }] })));
  }
}

/** Round runners that run rounds as usual until `hold()`, then wait for `release()`: a view kept behind on purpose. */
function heldRounds(): { factory: RoundRunnerFactory; hold(): void; release(): void } {
  let gate = Promise.resolve();
  let open = (): void => undefined;
  const factory: RoundRunnerFactory = (_store, _log, _defs, inline) => ({
    async run(storages, limits, skipDamaged) {
      await gate;
      return inline.run(storages, limits, skipDamaged);
    },
    close: () => inline.close(),
  });
  return {
    factory,
    hold() { gate = new Promise((resolve) => { open = resolve; }); },
    release() { open(); },
  };
}

describe('store retention', () => {
  const kit = useViewTestKit();

  context('when the log holds more than maxBytes', () => {
    it('removes whole sealed segments from the front; reads below the first offset answer SLUICE_ERR_LOG_BEFORE_START', async () => {
      const dataDir = kit.dir();
      const store = await kit.open({ dataDir, segmentBytes: 4096 });
      await fill(store, 300);
      await store.views.idle();
      const end = store.log.end;
      const before = store.log.readBatch(0, { limit: 10_000 }).records;
      const report = await store.applyRetention({ maxBytes: 10_000 });
      expect(report.segments).to.be.greaterThan(0);
      expect(store.log.start).to.equal(report.start);
      expect(end - store.log.start).to.be.at.most(10_000);
      expect(existsSync(join(dataDir, 'log', segmentFileName(0)))).to.equal(false);
      expect(existsSync(join(dataDir, 'log', segmentFileName(report.start)))).to.equal(true);
      const err = (() => { try { store.log.readSync(0); } catch (e) { return e; } })();
      expect(isSluiceError(err, 'LOG_BEFORE_START')).to.equal(true);
      // Kept records are unchanged, at the same offsets.
      const kept = store.log.readBatch(store.log.start, { limit: 10_000 }).records;
      expect(kept).to.deep.equal(before.filter((r) => r.offset >= report.start));
      // Revisions continue, for every stream, across a reopen too.
      await store.close();
      const reopened = await kit.open({ dataDir, segmentBytes: 4096 });
      expect(reopened.log.start).to.equal(report.start);
      const next = await reopened.append('s-3', { type: 'T' });
      expect(next.revisions[0]).to.equal(before.filter((r) => r.stream === 's-3').length);
      // A view rebuilt after retention covers the kept window, and equals a fresh fold of it.
      await reopened.views.rebuild('types');
      await reopened.views.idle();
      const types = await reopened.views.query('types', 'records', { type: 'T', limit: 10_000 }) as { records: { offset: number }[] };
      expect(types.records[0]!.offset).to.equal(report.start);
      await expectMatchesFold(reopened, reopened.views.definitionOf('types'));
      // Its status says which window it covers; a view built before retention still covers the log from 0.
      expect(reopened.views.statusOf('types').from).to.equal(report.start);
      expect(reopened.views.statusOf('streams').from).to.equal(0);
      // So does `sluice views` (read-only, beside the open store).
      const listed = await runCli(['views', '--data', dataDir]);
      expect(listed.stdout).to.include(`covers the log from offset ${report.start}`);
      expect(listed.stdout).to.include(`log start: ${report.start}`);
    });
  });

  context('when a view has not folded every record yet', () => {
    it('keeps the segments it still needs, names it in the report, and removes them once it has folded them', async () => {
      const rounds = heldRounds();
      const store = await kit.open({ dataDir: kit.dir(), segmentBytes: 4096, register: (c) => c.register(TOKENS.ViewEngineSettings, { useValue: { rounds: rounds.factory } }) });
      await fill(store, 100);
      await store.views.idle();
      const folded = store.log.end;
      rounds.hold();
      try {
        await fill(store, 200);
        const report = await store.applyRetention({ maxBytes: 5000 });
        expect(report.held).to.be.greaterThan(0);
        expect(report.heldBy?.next).to.equal(folded);
        expect(['streams', 'types', 'tags']).to.include(report.heldBy?.view);
        expect(store.log.start).to.be.at.most(folded);
        expect(store.log.readSync(folded).offset).to.equal(folded);
      } finally {
        rounds.release(); // a failed assertion must not leave close() waiting on a held round
      }
      await store.views.idle();
      const later = await store.applyRetention({ maxBytes: 5000 });
      expect(later.held).to.equal(0);
      expect(later.heldBy).to.equal(undefined);
      expect(store.log.start).to.be.greaterThan(folded);
      // Every view folded every record: none had to start over from the new first offset.
      const last = store.log.readBatch(store.log.start, { limit: 10_000 }).records.at(-1)!.offset;
      for (const status of store.views.status()) expect([status.name, status.state, status.from, status.position]).to.deep.equal([status.name, 'ready', 0, last]);
    });

    it('is not held back by a failed view (which must be rebuilt anyway)', async () => {
      const failing = throwing(typesView(), (r) => r.offset > 0);
      const store = await kit.open({ dataDir: kit.dir(), segmentBytes: 4096, firstPartyViews: false, plugins: [definePlugin({ name: 'p', views: [failing] })] });
      await fill(store, 300);
      await store.views.idle();
      expect(store.views.statusOf('types').state).to.equal('failed');
      const report = await store.applyRetention({ maxBytes: 5000 });
      expect([report.segments > 0, report.held]).to.deep.equal([true, 0]);
      expect(store.log.end - store.log.start).to.be.at.most(5000);
    });
  });

  context('when appends keep coming', () => {
    it('still applies: the checkpoint it needs is saved between two append rounds', async () => {
      const store = await kit.open({ dataDir: kit.dir(), segmentBytes: 4096 });
      await fill(store, 300);
      let appending = true;
      let appended = 0;
      const appender = (async () => {
        while (appending) {
          await store.append('busy', { type: 'T', data: { n: appended } });
          appended++;
        }
      })();
      try {
        const report = await store.applyRetention({ maxBytes: 10_000 });
        expect(report.segments).to.be.greaterThan(0);
        expect(store.log.start).to.equal(report.start);
      } finally {
        appending = false;
        await appender;
      }
      expect(store.log.streamRevision('busy')).to.equal(appended - 1);
    });
  });

  context('when segments are older than maxAge', () => {
    it('removes exactly the sealed segments whose newest record is too old, never the active one', async () => {
      const store = await kit.open({ dataDir: kit.dir(), segmentBytes: 4096 });
      await fill(store, 120, Date.now() - 10 * DAY);
      await store.append('marker', { type: 'T' }); // rolls nothing by itself: the next segment starts with fresh records
      await fill(store, 120);
      await store.views.idle();
      const firstFresh = store.log.readBatch(0, { limit: 10_000 }).records.find((r) => r.ts > Date.now() - DAY)!;
      const report = await store.applyRetention({ maxAgeMs: DAY });
      expect(report.segments).to.be.greaterThan(0);
      expect(store.log.start).to.be.at.most(firstFresh.offset);
      const oldest = store.log.readBatch(store.log.start, { limit: 10_000 }).records;
      expect(oldest.some((r) => r.ts > Date.now() - DAY)).to.equal(true);
      const again = await store.applyRetention({ maxAgeMs: DAY });
      expect(again.segments).to.equal(0);
      const all = await store.applyRetention({ maxAgeMs: 0, maxBytes: 0 });
      expect(store.log.end - store.log.start).to.be.greaterThan(0); // the active segment stays
      expect(all.start).to.equal(store.log.start);
    });
  });

  context('when an HTTP client reads below the first offset', () => {
    it('answers 410 naming the first offset', async () => {
      const fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } }, { segmentBytes: 4096 });
      try {
        await fill(fx.store as SluiceStore, 200);
        await (fx.store as SluiceStore).views.idle();
        const report = await fx.store.applyRetention({ maxBytes: 5000 });
        const res = await fx.app.inject({ method: 'GET', url: '/log?from=0' });
        expect(res.statusCode).to.equal(410);
        expect(res.json().code).to.equal('SLUICE_ERR_LOG_BEFORE_START');
        expect(res.json().message).to.include(String(report.start));
        const page = await fx.app.inject({ method: 'GET', url: `/log?from=${report.start}&limit=1` });
        expect(page.json().records[0].offset).to.equal(report.start);
      } finally {
        await fx.close();
      }
    });
  });

  context('when retention is configured', () => {
    it('reads it from the config file and SLUICE_RETENTION_* variables, the environment overriding the file', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sluice-retention-config-'));
      try {
        writeFileSync(join(dir, 'sluice.config.json'), JSON.stringify({ retention: { maxAgeMs: 86_400_000, maxBytes: 1000 } }));
        expect((await loadConfig({}, dir)).retention).to.deep.equal({ maxAgeMs: 86_400_000, maxBytes: 1000 });
        expect((await loadConfig({ SLUICE_RETENTION_MAX_BYTES: '5000' }, dir)).retention).to.deep.equal({ maxAgeMs: 86_400_000, maxBytes: 5000 });
        writeFileSync(join(dir, 'sluice.config.json'), JSON.stringify({ retention: { maxAge: 1 } }));
        const err = await loadConfig({}, dir).catch((e: unknown) => e);
        expect(isSluiceError(err, 'CONFIG_INVALID')).to.equal(true);
        rmSync(join(dir, 'sluice.config.json'));
        expect((await loadConfig({}, dir)).retention).to.equal(null);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('applies it on open and on its interval', async () => {
      const dataDir = kit.dir();
      const first = await kit.open({ dataDir, segmentBytes: 4096 });
      await fill(first, 200);
      await first.close();
      const store = await kit.open({ dataDir, segmentBytes: 4096, retention: { maxBytes: 5000, intervalMs: 60_000 } });
      await waitFor(() => store.log.start > 0);
      expect(store.log.end - store.log.start).to.be.at.most(5000);
    });
  });
});

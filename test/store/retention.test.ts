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
import { expectMatchesFold, useViewTestKit } from '../helpers/view-test-kit.js';

const DAY = 24 * 3600 * 1000;

async function fill(store: SluiceStore, count: number, ts?: number): Promise<void> {
  for (let i = 0; i < count; i += 10) {
    await store.appendBatch(Array.from({ length: 10 }, (_, j) => ({ stream: `s-${(i + j) % 7}`, events: [{ type: 'T', data: { i: i + j, pad: 'x'.repeat(60) }, ...(ts === undefined ? {} : { ts }) }] })));
  }
}

describe('store retention', () => {
  const kit = useViewTestKit();

  context('when the log holds more than maxBytes', () => {
    it('removes whole sealed segments from the front; reads below the first offset answer SLUICE_ERR_LOG_BEFORE_START', async () => {
      const dataDir = kit.dir();
      const store = await kit.open({ dataDir, segmentBytes: 4096 });
      await fill(store, 300);
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

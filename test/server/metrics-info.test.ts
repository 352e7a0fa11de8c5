// The figures the console's overview reads from /metrics: the version and durability mode (sluice_info), when the
// server started, and how many records each view has applied.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { openHttpFixture, waitUntil, type HttpFixture } from '../helpers/http-fixture.js';

const VERSION = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

describe('server: metrics for the console overview', () => {
  let fx: HttpFixture;
  afterEach(async () => fx?.close());

  for (const durability of ['batch', 'none'] as const) {
    context(`when the log runs in ${durability} mode`, () => {
      it('reports the package version and that durability mode in sluice_info', async () => {
        fx = await openHttpFixture({}, { fsync: durability });
        const text = (await fx.app.inject('/metrics')).body;
        expect(text).to.match(new RegExp(`^sluice_info\\{version="${VERSION.replace(/\./g, '\\.')}",durability="${durability}"\\} 1$`, 'm'));
      });
    });
  }

  context('when records have been applied', () => {
    it('reports the start time and each view\'s applied records', async () => {
      const before = Date.now() / 1000;
      fx = await openHttpFixture();
      await fx.store.append('a', [{ type: 't' }, { type: 't' }, { type: 'u' }]);
      await waitUntil(() => fx.store.views.status().every((s) => s.records === 3), 10_000, 'views to apply 3 records');
      const text = (await fx.app.inject('/metrics')).body;
      const started = Number(/^sluice_start_time_seconds (\S+)$/m.exec(text)?.[1]);
      expect(started).to.be.within(before - 1, Date.now() / 1000);
      expect(text).to.match(/^sluice_view_records\{view="streams"\} 3$/m);
      expect((await fx.app.inject('/views/types')).json().records).to.equal(3);
    });
  });
});

// POST /views/:view/verify: the server verifies a view against a rebuild while it keeps serving (admin scope).
import { expect } from 'chai';
import { definePlugin } from '../../plugins/define-plugin.js';
import type { ViewDefinition } from '../../core/view-engine/view-definition.js';
import type { SluiceStore } from '../../store/sluice-store.js';
import { openHttpFixture, type HttpFixture } from '../helpers/http-fixture.js';

const counts: ViewDefinition = {
  name: 'counts', version: 1, dbs: { counts: {} },
  apply(record, { dbs }) { dbs.counts!.put(record.type, ((dbs.counts!.get(record.type) as number | undefined) ?? 0) + 1); },
  queries: {},
};

const randomView: ViewDefinition = {
  name: 'random', version: 1, dbs: { rows: {} },
  apply(record, { dbs }) { dbs.rows!.put(record.offset, Math.random()); },
  queries: {},
};

const ADMIN = 'a'.repeat(32);
const READER = 'r'.repeat(32);

describe('server: POST /views/:view/verify', () => {
  let fx: HttpFixture;
  const auth = (key: string) => ({ authorization: `Bearer ${key}` });

  beforeEach(async () => {
    // No load shedding: on a busy test machine the event loop can lag past its limit and shed the status request.
    fx = await openHttpFixture({ apiKeys: [ADMIN, `${READER}:read`], limits: { maxEventLoopDelayMs: 0 } },
      { plugins: [definePlugin({ name: 'p', views: [counts, randomView] })] });
    const { lastOffset } = await fx.store.appendBatch(Array.from({ length: 20 }, (_, i) => ({ stream: `s${i % 3}`, events: [{ type: `t${i % 2}` }] })));
    await fx.store.views.waitFor('counts', lastOffset, 5000);
    await fx.store.views.waitFor('random', lastOffset, 5000);
  });
  afterEach(async () => { await fx.close(); });

  context('when the live view equals its rebuild', () => {
    it('answers 200 with equal: true and the checksums', async () => {
      const res = await fx.app.inject({ method: 'POST', url: '/views/counts/verify', headers: auth(ADMIN) });
      expect(res.statusCode, res.body).to.equal(200);
      const body = res.json();
      expect(body).to.include({ view: 'counts', equal: true, differences: 0, first: null });
      expect(body.checksums.live).to.equal(body.checksums.rebuilt);
      const status = (await fx.app.inject({ url: '/views/counts', headers: auth(READER) })).json();
      expect(status.checksum, JSON.stringify(status)).to.equal(body.checksums.live);
    });
  });

  context('when a live row differs', () => {
    it('answers 200 with equal: false, the count and the first difference', async () => {
      const live = (fx.store as SluiceStore).views.storagesOf('counts').serving!;
      (fx.store as SluiceStore).viewStore.write(() => live.dbs.counts!.putSync('t0', 1000));
      const res = await fx.app.inject({ method: 'POST', url: '/views/counts/verify', headers: auth(ADMIN) });
      expect(res.statusCode).to.equal(200);
      expect(res.json()).to.deep.include({ equal: false, differences: 1, first: { db: 'counts', key: 't0', live: 1000, rebuilt: 10 } });
    });
  });

  context('with determinism=true', () => {
    it('reports a view that uses Math.random() as not deterministic', async () => {
      const res = await fx.app.inject({ method: 'POST', url: '/views/random/verify?determinism=true', headers: auth(ADMIN) });
      expect(res.statusCode).to.equal(200);
      expect(res.json()).to.include({ view: 'random', deterministic: false });
      const ok = await fx.app.inject({ method: 'POST', url: '/views/counts/verify?determinism=true', headers: auth(ADMIN) });
      expect(ok.json()).to.include({ view: 'counts', deterministic: true, records: 20 });
    });
  });

  context('when the request is not allowed or wrong', () => {
    it('answers 403 to a key without the admin scope, 404 for an unknown view, 400 for an unknown parameter', async () => {
      const forbidden = await fx.app.inject({ method: 'POST', url: '/views/counts/verify', headers: auth(READER) });
      expect(forbidden.statusCode).to.equal(403);
      expect(forbidden.json().code).to.equal('SLUICE_ERR_AUTH_FORBIDDEN');
      const unknown = await fx.app.inject({ method: 'POST', url: '/views/nope/verify', headers: auth(ADMIN) });
      expect(unknown.statusCode).to.equal(404);
      expect(unknown.json().code).to.equal('SLUICE_ERR_VIEW_NOT_FOUND');
      const bad = await fx.app.inject({ method: 'POST', url: '/views/counts/verify?deep=1', headers: auth(ADMIN) });
      expect(bad.statusCode).to.equal(400);
      expect(bad.json().code).to.equal('SLUICE_ERR_HTTP_BAD_REQUEST');
    });
  });
});

import { expect } from 'chai';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/open-store.js';
import { defineView, type ViewDefinition } from '../../core/view-engine/view-definition.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { openHttpFixture, waitUntil, type HttpFixture } from '../helpers/http-fixture.js';

/** A view counting records per type; `slowMicros` makes each apply take that long (to catch a rebuild in progress). */
function countsView(version: number, slowMicros = 0): ViewDefinition {
  return defineView({
    name: 'counts', version, description: 'records per type', dbs: { counts: {} },
    apply(record, ctx) {
      if (record.type === 'boom') throw new Error('cannot count a boom');
      if (slowMicros > 0) {
        const until = process.hrtime.bigint() + BigInt(slowMicros * 1000);
        while (process.hrtime.bigint() < until) { /* simulate an expensive apply */ }
      }
      ctx.dbs.counts!.put(record.type, ((ctx.dbs.counts!.get(record.type) as number | undefined) ?? 0) + 1);
    },
    queries: {
      count: {
        description: 'records of one type',
        params: { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { type: 'string', minLength: 1 }, min: { type: 'integer', minimum: 0 } } },
        handler: (p: { type: string }, ctx) => ({ type: p.type, count: (ctx.dbs.counts!.get(p.type) as number | undefined) ?? 0 }),
      },
      broken: {
        params: { type: 'object' },
        handler: () => { throw new Error('secret internals at /srv/app.js:12'); },
      },
    },
  });
}

const plugin = (version: number, slowMicros = 0) => definePlugin({ name: 'test', views: [countsView(version, slowMicros)] });

describe('server: views', () => {
  let fx: HttpFixture;
  afterEach(async () => fx?.close());

  context('with the first-party views and a plugin view', () => {
    beforeEach(async () => {
      fx = await openHttpFixture({ limits: { maxWaitMs: 1000 } }, { plugins: [plugin(1)] });
      await fx.store.append('seed', { type: 'seed' });
      await waitUntil(() => fx.store.views.status().every((s) => s.state === 'ready'), 5000, 'every view to be ready');
    });

    it('GET /views lists every view with status and queries', async () => {
      const res = await fx.app.inject('/views');
      expect(res.statusCode).to.equal(200);
      const { views } = res.json();
      expect(views.map((v: { name: string }) => v.name)).to.include.members(['streams', 'types', 'tags', 'counts']);
      const counts = views.find((v: { name: string }) => v.name === 'counts');
      expect(counts).to.include({ name: 'counts', version: 1 });
      expect(counts).to.have.keys(['name', 'version', 'state', 'position', 'from', 'lagBytes', 'lagRecords', 'records', 'progress', 'etaMs', 'serving', 'checksum', 'rows', 'description', 'queries']);
      expect(counts.checksum).to.match(/^[0-9a-f]{16}$/);
      expect(counts.queries.map((q: { path: string }) => q.path)).to.deep.equal(['/views/counts/count', '/views/counts/broken']);
    });

    it('GET /views/:view answers one view, 404 for an unknown one', async () => {
      expect((await fx.app.inject('/views/counts')).json()).to.include({ name: 'counts', state: 'ready' });
      const res = await fx.app.inject('/views/nope');
      expect(res.statusCode).to.equal(404);
      expect(res.json().code).to.equal('SLUICE_ERR_VIEW_NOT_FOUND');
    });

    it('runs a query with read-your-writes (after=lastOffset) and reports the position in a header', async () => {
      const appended = (await fx.app.inject({ method: 'POST', url: '/streams/s', headers: { 'content-type': 'application/json' }, payload: '{"events":[{"type":"a"},{"type":"a"}]}' })).json();
      const res = await fx.app.inject(`/views/counts/count?type=a&after=${appended.lastOffset}`);
      expect(res.statusCode).to.equal(200);
      expect(res.json()).to.deep.equal({ type: 'a', count: 2 });
      expect(Number(res.headers['sluice-view-position'])).to.be.at.least(appended.lastOffset);
    });

    it('validates parameters against the query schema, naming the bad one', async () => {
      const cases: Array<[string, string, string]> = [
        ['/views/counts/count', 'SLUICE_ERR_VIEW_QUERY_INVALID', 'type'],
        ['/views/counts/count?type=a&min=-1', 'SLUICE_ERR_VIEW_QUERY_INVALID', 'min'],
        ['/views/counts/count?type=a&min=lots', 'SLUICE_ERR_VIEW_QUERY_INVALID', 'min'],
        ['/views/counts/count?type=a&after=x', 'SLUICE_ERR_LOG_OFFSET_INVALID', 'after'],
        ['/views/streams/list?limit=0', 'SLUICE_ERR_VIEW_QUERY_INVALID', 'limit'],
      ];
      for (const [url, code, param] of cases) {
        const res = await fx.app.inject(url);
        expect(res.statusCode, url).to.equal(400);
        expect(res.json().code, url).to.equal(code);
        expect(res.json().param, url).to.equal(param);
        if (code === 'SLUICE_ERR_VIEW_QUERY_INVALID') expect(res.json().message, url).to.contain(param);
      }
      const extra = await fx.app.inject('/views/counts/count?type=a&bogus=1');
      expect(extra.statusCode).to.equal(400);
      expect(extra.json().code).to.equal('SLUICE_ERR_VIEW_QUERY_INVALID');
    });

    it('answers 400 naming the log end when `after` is at or past it, and 404 when it is inside a record', async () => {
      const { lastOffset, end } = await fx.store.append('s', [{ type: 'a' }, { type: 'a' }]);
      for (const after of [end, end + 1_000_000]) {
        const res = await fx.app.inject(`/views/counts/count?type=a&after=${after}&timeout=60000`);
        expect(res.statusCode).to.equal(400);
        expect(res.json()).to.include({ code: 'SLUICE_ERR_LOG_OFFSET_PAST_END', end });
        expect(res.json().message).to.contain(String(end));
        expect(res.headers).to.not.have.property('retry-after');
      }
      const inside = await fx.app.inject(`/views/counts/count?type=a&after=${lastOffset + 1}`);
      expect(inside.statusCode).to.equal(404);
      expect(inside.json().code).to.equal('SLUICE_ERR_LOG_NO_RECORD');
    });

    it('answers 404 for unknown queries and views under /views/:view/:query', async () => {
      const q = await fx.app.inject('/views/counts/nope');
      expect(q.statusCode).to.equal(404);
      expect(q.json().code).to.equal('SLUICE_ERR_VIEW_QUERY_NOT_FOUND');
      const v = await fx.app.inject('/views/nope/count');
      expect(v.json().code).to.equal('SLUICE_ERR_VIEW_NOT_FOUND');
    });

    it('answers a failing query handler with 500 and no internals', async () => {
      const res = await fx.app.inject('/views/counts/broken');
      expect(res.statusCode).to.equal(500);
      expect(res.json()).to.deep.equal({ statusCode: 500, code: 'SLUICE_ERR_HTTP_INTERNAL', error: 'Internal Server Error', message: 'internal error' });
    });

    it('renders records in query results like log reads (binary as base64)', async () => {
      const bin = await fx.store.append('s', { type: 'blob', data: Buffer.from([9, 8, 7]) });
      const res = await fx.app.inject(`/views/types/records?type=blob&after=${bin.lastOffset}`);
      expect(res.statusCode).to.equal(200);
      expect(res.json().records[0]).to.include({ offset: bin.lastOffset, data: 'CQgH', encoding: 'base64', next: fx.store.log.end });
    });

    it('POST /views/:view/rebuild answers 202 and the view keeps answering while it rebuilds', async () => {
      for (let i = 0; i < 50; i++) await fx.store.append(`s${i}`, { type: 'a' });
      const res = await fx.app.inject({ method: 'POST', url: '/views/counts/rebuild' });
      expect(res.statusCode).to.equal(202);
      expect(res.json()).to.include({ name: 'counts' });
      expect((await fx.app.inject('/views/counts/count?type=a')).statusCode).to.equal(200);
      await waitUntil(async () => (await fx.app.inject('/views/counts')).json().state === 'ready', 10_000, 'the rebuild to finish');
      expect((await fx.app.inject(`/views/counts/count?type=a&after=${fx.store.log.end - 1 >= 0 ? (await fx.store.log.readBatch(0, { limit: 1000 })).records.at(-1)!.offset : 0}`)).json().count).to.equal(50);
      expect((await fx.app.inject({ method: 'POST', url: '/views/nope/rebuild' })).statusCode).to.equal(404);
      // Clients that always send Content-Type: application/json may send no body: that is no body, not bad JSON.
      const empty = await fx.app.inject({ method: 'POST', url: '/views/counts/rebuild', headers: { 'content-type': 'application/json' } });
      expect(empty.statusCode, empty.body).to.equal(202);
    });

    it('answers 503 SLUICE_ERR_VIEW_FAILED once a view failed', async () => {
      const boom = await fx.store.append('s', { type: 'boom' });
      await waitUntil(() => fx.store.views.statusOf('counts').state === 'failed', 5000, 'the view to fail');
      const res = await fx.app.inject(`/views/counts/count?type=a`);
      expect(res.statusCode).to.equal(503);
      expect(res.json().code).to.equal('SLUICE_ERR_VIEW_FAILED');
      expect(res.json().message).to.contain(String(boom.lastOffset));
      expect((await fx.app.inject('/views/counts')).json().error.offset).to.equal(boom.lastOffset);
      // Other views keep working.
      const other = await fx.app.inject(`/views/streams/get?stream=s&after=${boom.lastOffset}`);
      expect(other.statusCode, other.body).to.equal(200);
    });
  });

  context('on a fresh store', () => {
    it('answers queries at once, with position none', async () => {
      fx = await openHttpFixture();
      const res = await fx.app.inject('/views/streams/list');
      expect(res.statusCode, res.body).to.equal(200);
      expect(res.json()).to.deep.equal({ streams: [], cursor: null });
      expect(res.headers['sluice-view-position']).to.equal('none');
    });
  });

  context('when the view does not reach `after` in time', () => {
    it('answers 503 SLUICE_ERR_VIEW_WAIT_TIMEOUT with the view position and Retry-After', async () => {
      fx = await openHttpFixture({}, { plugins: [plugin(1, 25_000)], viewBatch: { records: 1 } });
      const { lastOffset } = await fx.store.append('s', Array.from({ length: 5 }, () => ({ type: 'a' })));
      const res = await fx.app.inject(`/views/counts/count?type=a&after=${lastOffset}&timeout=10`);
      expect(res.statusCode).to.equal(503);
      expect(res.json().code).to.equal('SLUICE_ERR_VIEW_WAIT_TIMEOUT');
      expect(res.json().position).to.be.a('number').and.below(lastOffset);
      expect(res.headers['retry-after']).to.equal('1');
    });
  });

  context('when a view rebuilds after a version change @slow', () => {
    it('answers 503 SLUICE_ERR_VIEW_REBUILDING with progress and Retry-After until it is done', async function () {
      this.timeout(30_000);
      const dataDir = mkdtempSync(join(tmpdir(), 'sluice-http-'));
      const first = await openStore({ dataDir, fsync: 'none', plugins: [plugin(1)] });
      for (let i = 0; i < 20; i++) await first.appendBatch(Array.from({ length: 500 }, (_, j) => ({ stream: `s${j % 50}`, events: [{ type: 'a', data: { i, j } }] })));
      await first.close();
      fx = await openHttpFixture({}, { dataDir, plugins: [plugin(2, 100)], viewBatch: { records: 100 } });
      const res = await fx.app.inject('/views/counts/count?type=a');
      expect(res.statusCode).to.equal(503);
      expect(res.json().code).to.equal('SLUICE_ERR_VIEW_REBUILDING');
      expect(res.json().progress).to.be.within(0, 1);
      expect(Number(res.headers['retry-after'])).to.be.within(1, 60);
      const status = (await fx.app.inject('/views/counts')).json();
      expect(status).to.include({ state: 'rebuilding', version: 2 });
      await waitUntil(() => fx.store.views.statusOf('counts').state === 'ready', 25_000, 'the rebuild to finish');
      expect((await fx.app.inject('/views/counts/count?type=a')).json().count).to.equal(10_000);
    });
  });
});

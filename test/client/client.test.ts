// The client against a real listening server (buildApp over a real store, port 0) with the bank's views: every
// method answers what the HTTP API answers, typed view queries read their writes, and binary events round-trip.
import { expect } from 'chai';
import { createClient, SluiceError, type SluiceClient } from '../../client/index.js';
import bankPlugin from '../../examples/bank/bank-plugin.js';
import { openHttpFixture, waitUntil, type HttpFixture } from '../helpers/http-fixture.js';

describe('client', () => {
  let fixture: HttpFixture;
  let client: SluiceClient<typeof bankPlugin>;

  beforeEach(async () => {
    fixture = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } }, { plugins: [bankPlugin] });
    client = createClient<typeof bankPlugin>({ url: await fixture.listen() });
  });
  afterEach(async () => {
    await fixture.close();
  });

  context('when appending and reading back', () => {
    it('appends one event, a batch with expectedRevision, and reads them by offset, page and stream', async () => {
      const first = await client.append('acct-1', { type: 'AccountOpened', data: { owner: 'ann' }, tags: ['new'] }, { expectedRevision: 'no_stream' });
      expect(first).to.include({ stream: 'acct-1', lastOffset: first.offsets[0] });
      expect(first.revisions).to.deep.equal([0]);
      const second = await client.append('acct-1', [{ type: 'Deposited', data: { amount: 5 } }, { type: 'Deposited', data: { amount: 7 }, meta: { by: 'test' } }], { expectedRevision: 0 });
      expect(second.revisions).to.deep.equal([1, 2]);

      const record = await client.get(second.offsets[1]!);
      expect(record).to.include({ offset: second.offsets[1], stream: 'acct-1', revision: 2, type: 'Deposited' });
      expect(record.data).to.deep.equal({ amount: 7 });
      expect(record.meta).to.deep.equal({ by: 'test' });

      const page = await client.read({ limit: 2 });
      expect(page.records.map((r) => r.revision)).to.deep.equal([0, 1]);
      const rest = await client.read({ from: page.next });
      expect(rest.records.map((r) => r.revision)).to.deep.equal([2]);
      expect(rest.next).to.equal(rest.end);
      const all: number[] = [];
      for await (const r of client.readAll({ limit: 1 })) all.push(r.revision);
      expect(all).to.deep.equal([0, 1, 2]);
      const after = await client.read({ after: first.offsets[0] });
      expect(after.records.map((r) => r.offset)).to.deep.equal(second.offsets);

      const stream = await client.stream('acct-1', { from: 1, limit: 1 });
      expect(stream.events.map((e) => e.revision)).to.deep.equal([1]);
      expect(stream.next).to.equal(2);
      const list = await client.streams({ prefix: 'acct-' });
      expect(list.streams.map((s) => [s.stream, s.revision, s.count])).to.deep.equal([['acct-1', 2, 3]]);
    });

    it('sends bytes as base64 and reads the same bytes back', async () => {
      const bytes = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);
      const { offsets } = await client.append('blobs', { type: 'Blob', data: bytes });
      const record = await client.get(offsets[0]!);
      expect(record.encoding).to.equal('base64');
      expect(Buffer.from(record.data as string, 'base64').equals(Buffer.from(bytes))).to.equal(true);
    });

    it('long-polls a page with live and wait until a record arrives', async () => {
      const { end } = await client.ready();
      const waiting = client.read({ from: end, live: true, wait: 10_000 });
      await client.append('late', { type: 'Late' });
      const page = await waiting;
      expect(page.records.map((r) => r.type)).to.deep.equal(['Late']);
    });
  });

  context('when querying views', () => {
    it('answers typed queries of the plugin and the first-party views, reading its own writes with after', async () => {
      await client.append('alice', { type: 'AccountOpened', data: { owner: 'Alice' } }, { expectedRevision: 'no_stream' });
      const { lastOffset } = await client.append('alice', { type: 'Deposited', data: { amount: 250 } }, { expectedRevision: 0 });
      const balance = await client.views.query('balances', 'get', { key: 'alice' }, { after: lastOffset });
      expect(balance.key).to.equal('alice');
      expect(balance.state).to.include({ owner: 'Alice', balance: 250, revision: 1 });

      const statement = await client.views.query('statements', 'records', { account: 'alice', reverse: true }, { after: lastOffset });
      expect(statement.records.map((r) => r.type)).to.deep.equal(['Deposited']);
      const volume = await client.views.query('daily-volume', 'get', undefined, { after: lastOffset });
      expect(Object.values(volume.state).map((day) => day.deposited)).to.deep.equal([250]);
      const summary = await client.views.query('streams', 'get', { stream: 'alice' }, { after: lastOffset });
      expect(summary).to.include({ stream: 'alice', revision: 1, count: 2 });

      const { result, position } = await client.views.queryWithPosition('types', 'records', { type: 'Deposited' }, { after: lastOffset });
      expect(result.records.map((r) => r.offset)).to.deep.equal([lastOffset]);
      expect(position).to.be.at.least(lastOffset);
    });

    it('lists views with their queries, gives one view\'s status, and starts a rebuild', async () => {
      const views = await client.views.list();
      expect(views.map((v) => v.name)).to.include.members(['streams', 'types', 'tags', 'balances', 'statements', 'daily-volume']);
      expect(views.find((v) => v.name === 'balances')!.queries.map((q) => q.name)).to.deep.equal(['stream-state', 'get', 'list']);
      const status = await client.views.status('balances');
      expect(status).to.include({ name: 'balances', version: 1 });
      const rebuilt = await client.rebuild('balances');
      expect(rebuilt.name).to.equal('balances');
      expect(['ready', 'rebuilding']).to.include(rebuilt.state);
    });

    it('reports a view position of null before the first record', async () => {
      const { position, result } = await client.views.queryWithPosition('daily-volume', 'get');
      expect(position).to.equal(null);
      expect(result.state).to.deep.equal({});
    });
  });

  context('when subscribing', () => {
    it('from the end yields only records appended afterwards, filtered, and `break` closes the stream', async () => {
      await client.append('old', { type: 'Before' });
      const seen: string[] = [];
      const done = (async () => {
        for await (const record of client.subscribe({ from: 'end', format: 'sse' })) {
          seen.push(`${record.stream}:${record.type}`);
          if (seen.length === 2) break;
        }
      })();
      await waitUntil(() => fixture.app.sluice.live.size === 1, 10_000, 'the live stream to open');
      await client.append('new', [{ type: 'A' }, { type: 'B' }]);
      await done;
      expect(seen).to.deep.equal(['new:A', 'new:B']);
      await waitUntil(() => fixture.app.sluice.live.size === 0, 10_000, 'the live stream to close');
      // Node 20's fetch (undici 6) opens a spare connection after an abort; it sends nothing, so the server would
      // wait for its headers timeout before closing. Not the client's doing: cut it here.
      fixture.app.server.closeAllConnections();
    });
  });

  context('when asking about the server', () => {
    it('answers health, readiness, metrics, the OpenAPI document and an SSE token', async () => {
      expect(await client.health()).to.deep.equal({ status: 'ok' });
      const { lastOffset } = await client.append('s', { type: 'T' });
      const ready = await client.ready();
      expect(ready.status).to.equal('ready');
      expect(ready.end).to.be.above(lastOffset);
      expect(await client.metrics()).to.match(/^sluice_append_requests_total 1$/m);
      const openapi = await client.openapi();
      expect(Object.keys(openapi.paths as object)).to.include('/views/balances/get');
      const token = await client.sseToken();
      expect(token.token).to.be.a('string').and.not.equal('');
      expect(token.expiresAt).to.be.above(Date.now());
    });

    it('builds the EventSource URL of the live tail with a token and filters', () => {
      const url = new URL(client.liveUrl({ token: 'a b', after: 7, type: 'Deposited' }));
      expect(url.pathname).to.equal('/log');
      expect(Object.fromEntries(url.searchParams)).to.deep.equal({ live: 'true', after: '7', token: 'a b', type: 'Deposited' });
    });

    it('keeps a path prefix of the URL (a server behind a proxy path)', () => {
      const prefixed = createClient({ url: 'http://127.0.0.1:1/sluice' });
      expect(prefixed.liveUrl()).to.equal('http://127.0.0.1:1/sluice/log?live=true');
    });
  });

  context('when the server refuses a write', () => {
    it('throws a SluiceError with the code, status and the stream\'s actual revision on a 409', async () => {
      await client.append('acct-9', [{ type: 'A' }, { type: 'B' }]);
      const err = await client.append('acct-9', { type: 'C' }, { expectedRevision: 0 }).then(() => undefined, (e: unknown) => e);
      expect(err).to.be.instanceOf(SluiceError);
      const error = err as SluiceError;
      expect(error.code).to.equal('SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION');
      expect(error.status).to.equal(409);
      expect(error.currentRevision).to.equal(1);
      expect((await client.stream('acct-9')).events).to.have.length(2);
    });
  });

  context('with the contracts built on other branches', () => {
    // Pending until the event-store-API branch (POST /append) is merged; the lead enables it after the merge.
    it('appends to many streams atomically with appendBatch, and refuses all of it on one conflict', async () => {
      const result = await client.appendBatch([
        { stream: 'payer', events: [{ type: 'TransferSent', data: { amount: 5 } }], expectedRevision: 'no_stream' },
        { stream: 'payee', events: [{ type: 'TransferReceived', data: { amount: 5 } }, { type: 'Note' }] },
      ]);
      expect(result.writes.map((w) => [w.stream, w.revisions])).to.deep.equal([['payer', [0]], ['payee', [0, 1]]]);
      expect(result.lastOffset).to.equal(result.writes[1]!.offsets[1]);
      const err = await client.appendBatch([
        { stream: 'payee', events: [{ type: 'X' }] },
        { stream: 'payer', events: [{ type: 'Y' }], expectedRevision: 5 },
      ]).then(() => undefined, (e: unknown) => e as SluiceError);
      expect(err?.code).to.equal('SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION');
      expect(err?.details).to.include({ stream: 'payer', expectedRevision: 5, currentRevision: 0 });
      expect((await client.stream('payee')).events).to.have.length(2);
    });

    // Pending until the event-store-API branch (log filters, backward stream reads) is merged.
    it('filters the log by stream, category, type and tag, and reads a stream backward', async () => {
      await client.append('order-1', [{ type: 'Placed', tags: ['eu'] }, { type: 'Paid' }]);
      await client.append('user-1', { type: 'Placed' });
      expect((await client.read({ category: 'order-' })).records.map((r) => r.type)).to.deep.equal(['Placed', 'Paid']);
      expect((await client.read({ type: 'Placed' })).records.map((r) => r.stream)).to.deep.equal(['order-1', 'user-1']);
      expect((await client.read({ tag: 'eu' })).records.map((r) => r.revision)).to.deep.equal([0]);
      expect((await client.read({ stream: 'user-1' })).records).to.have.length(1);
      const backward = await client.stream('order-1', { direction: 'backward', limit: 1 });
      expect(backward.events.map((e) => e.type)).to.deep.equal(['Paid']);
    });
  });
});

import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { openHttpFixture, type HttpFixture } from '../helpers/http-fixture.js';

describe('server: POST /append', () => {
  let fx: HttpFixture;
  beforeEach(async () => { fx = await openHttpFixture({ limits: { maxBatchEvents: 5, maxEventLoopDelayMs: 0 } }); });
  afterEach(async () => fx.close());

  const post = (body: unknown) => fx.app.inject({ method: 'POST', url: '/append', headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  context('when every write holds', () => {
    it('appends all of them atomically and answers each write\'s offsets and revisions', async () => {
      await fx.store.append('b', { type: 'Seed' });
      const res = await post({ writes: [
        { stream: 'a', expectedRevision: 'no_stream', events: [{ type: 'A1' }, { type: 'A2', data: { n: 1 } }] },
        { stream: 'b', expectedRevision: 0, events: [{ type: 'B1', tags: ['t'] }] },
      ] });
      expect(res.statusCode).to.equal(201);
      const body = res.json();
      expect(body.writes.map((w: { stream: string; revisions: number[] }) => [w.stream, w.revisions])).to.deep.equal([['a', [0, 1]], ['b', [1]]]);
      expect(body.lastOffset).to.equal(body.writes[1].offsets[0]);
      const records = await Promise.all(body.writes.flatMap((w: { offsets: number[] }) => w.offsets).map((o: number) => fx.store.log.read(o)));
      expect(records.map((r) => `${r.stream}/${r.type}`)).to.deep.equal(['a/A1', 'a/A2', 'b/B1']);
    });
  });

  context('when one write\'s expected revision does not hold', () => {
    it('answers one 409 naming the stream, expected and current revision, and writes nothing', async () => {
      await fx.store.append('b', [{ type: 'x' }, { type: 'y' }]);
      const end = fx.store.log.end;
      const res = await post({ writes: [{ stream: 'a', events: [{ type: 'A' }] }, { stream: 'b', expectedRevision: 0, events: [{ type: 'B' }] }] });
      expect(res.statusCode).to.equal(409);
      expect(res.json()).to.include({ code: 'SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION', stream: 'b', expectedRevision: 0, currentRevision: 1 });
      expect(fx.store.log.end).to.equal(end);
      expect(fx.store.log.streamRevision('a')).to.equal(undefined);
    });
  });

  context('when the body is malformed', () => {
    for (const [what, body, code] of [
      ['no writes', { writes: [] }, 'SLUICE_ERR_EVENT_INVALID'],
      ['an unknown field', { writes: [{ stream: 'a', events: [{ type: 't' }] }], extra: 1 }, 'SLUICE_ERR_EVENT_INVALID'],
      ['a bad stream name', { writes: [{ stream: 'a b', events: [{ type: 't' }] }] }, 'SLUICE_ERR_STREAM_NAME_INVALID'],
      ['a write without events', { writes: [{ stream: 'a', events: [] }] }, 'SLUICE_ERR_EVENT_INVALID'],
      ['too many events in all', { writes: [{ stream: 'a', events: [1, 2, 3].map(() => ({ type: 't' })) }, { stream: 'b', events: [1, 2, 3].map(() => ({ type: 't' })) }] }, 'SLUICE_ERR_EVENT_INVALID'],
      ['a bad expected revision', { writes: [{ stream: 'a', expectedRevision: -1, events: [{ type: 't' }] }] }, 'SLUICE_ERR_EVENT_INVALID'],
      ['an id that is not a UUID', { writes: [{ stream: 'a', events: [{ type: 't', id: '1234' }] }] }, 'SLUICE_ERR_EVENT_ID_INVALID'],
    ] as const) {
      it(`refuses ${what} with ${code} and writes nothing`, async () => {
        const res = await post(body);
        expect(res.statusCode).to.be.within(400, 499);
        expect(res.json().code).to.equal(code);
        expect(fx.store.log.end).to.equal(0);
      });
    }
  });

  context('when an append with event ids is retried', () => {
    it('answers the original offsets with Sluice-Duplicate, writing nothing again', async () => {
      const body = { writes: [{ stream: 'a', expectedRevision: 'no_stream', events: [{ type: 'A', id: randomUUID() }] }, { stream: 'b', events: [{ type: 'B', id: randomUUID() }] }] };
      const first = await post(body);
      const end = fx.store.log.end;
      const again = await post(body);
      expect(again.statusCode).to.equal(201);
      expect(again.json()).to.deep.equal(first.json());
      expect(again.headers['sluice-duplicate']).to.equal('true');
      expect(first.headers['sluice-duplicate']).to.equal(undefined);
      expect(fx.store.log.end).to.equal(end);
    });

    it('does the same on POST /streams/:stream, and reads the id back', async () => {
      const id = randomUUID();
      const send = () => fx.app.inject({ method: 'POST', url: '/streams/s', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ type: 'T', id, data: 1 }) });
      const first = await send();
      const again = await send();
      expect(again.json().offsets).to.deep.equal(first.json().offsets);
      expect(again.headers['sluice-duplicate']).to.equal('true');
      const record = await fx.app.inject({ method: 'GET', url: `/log/${first.json().offsets[0]}` });
      expect(record.json().id).to.equal(id);
      const nd = await fx.app.inject({ method: 'GET', url: '/log', headers: { accept: 'application/x-ndjson' } });
      expect(JSON.parse(nd.body.split('\n')[0]!).id).to.equal(id);
      // A raw (non-JSON) body takes its id from the query string.
      const rawId = randomUUID();
      const raw = () => fx.app.inject({ method: 'POST', url: `/streams/s?type=Blob&id=${rawId}`, headers: { 'content-type': 'image/png' }, payload: Buffer.from([1, 2, 3]) });
      const rawFirst = await raw();
      expect((await raw()).json().offsets).to.deep.equal(rawFirst.json().offsets);
    });

    it('refuses an append that repeats only some ids with 409 SLUICE_ERR_EVENT_ID_REUSED', async () => {
      const id = randomUUID();
      await post({ writes: [{ stream: 'a', events: [{ type: 'A', id }] }] });
      const end = fx.store.log.end;
      const res = await post({ writes: [{ stream: 'a', events: [{ type: 'A', id }, { type: 'A', id: randomUUID() }] }] });
      expect(res.statusCode).to.equal(409);
      expect(res.json().code).to.equal('SLUICE_ERR_EVENT_ID_REUSED');
      expect(fx.store.log.end).to.equal(end);
    });
  });
});

describe('server: GET /streams/:stream?direction=backward', () => {
  let fx: HttpFixture;
  let last: number;
  beforeEach(async () => {
    fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } });
    await fx.store.append('other', { type: 'x' });
    last = (await fx.store.append('s', Array.from({ length: 10 }, (_, i) => ({ type: 'T', data: i })))).lastOffset;
  });
  afterEach(async () => fx.close());

  const get = (query: string) => fx.app.inject({ method: 'GET', url: `/streams/s?after=${last}&${query}` });

  context('when asked for the last N events', () => {
    it('answers them newest first with the revision to continue from', async () => {
      const res = await get('direction=backward&limit=3');
      expect(res.statusCode).to.equal(200);
      const body = res.json();
      expect(body.events.map((e: { revision: number }) => e.revision)).to.deep.equal([9, 8, 7]);
      expect(body.next).to.equal(6);
      const rest = (await get('direction=backward&from=6&limit=100')).json();
      expect(rest.events.map((e: { revision: number }) => e.revision)).to.deep.equal([6, 5, 4, 3, 2, 1, 0]);
      expect(rest.next).to.equal(null);
    });

    it('starts from the last revision when from is beyond it', async () => {
      const body = (await get('direction=backward&from=50&limit=2')).json();
      expect(body.events.map((e: { revision: number }) => e.revision)).to.deep.equal([9, 8]);
    });
  });

  context('when read through the embedded API', () => {
    it('pages backwards and forwards alike', async () => {
      const back = await fx.store.readStream('s', { direction: 'backward', from: 4, limit: 2, after: last });
      expect(back.events.map((e) => e.data)).to.deep.equal([4, 3]);
      expect(back.next).to.equal(2);
      const fwd = await fx.store.readStream('s', { from: 8 });
      expect(fwd.events.map((e) => e.data)).to.deep.equal([8, 9]);
      const err = await fx.store.readStream('nope').catch((e: { code: string }) => e);
      expect((err as { code: string }).code).to.equal('SLUICE_ERR_STREAM_NOT_FOUND');
    });
  });

  context('when direction is not forward or backward', () => {
    it('answers 400', async () => {
      const res = await get('direction=sideways');
      expect(res.statusCode).to.equal(400);
    });
  });
});

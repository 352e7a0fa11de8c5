// DELETE /streams/:stream (soft delete and ?erase=true) and POST /log/erase over a real store and server.
import { expect } from 'chai';
import { openHttpFixture, openStream, parseSse, type HttpFixture } from '../helpers/http-fixture.js';

const FULL = 'full-key-0123456789abcdef';
const READ_APPEND = 'read-append-key-012345678';
const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });

async function append(fx: HttpFixture, stream: string, events: unknown[], headers: Record<string, string> = {}): Promise<{ offsets: number[]; revisions: number[]; lastOffset: number }> {
  const res = await fx.app.inject({ method: 'POST', url: `/streams/${stream}`, payload: { events }, headers });
  expect(res.statusCode, res.body).to.equal(201);
  return res.json();
}

describe('forget routes', () => {
  let fx: HttpFixture;
  afterEach(async () => fx?.close());

  context('when a stream is soft-deleted', () => {
    it('answers 410 on its reads, drops it from the first-party views, and lets it be written again with revisions continuing', async () => {
      fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } });
      await append(fx, 'doomed', [{ type: 'a', data: 1, tags: ['t1'] }, { type: 'b', data: 2 }, { type: 'a', data: 3 }]);
      await append(fx, 'kept', [{ type: 'a', data: 9, tags: ['t1'] }]);
      const del = await fx.app.inject({ method: 'DELETE', url: '/streams/doomed?expectedRevision=2' });
      expect(del.statusCode, del.body).to.equal(200);
      expect(del.json()).to.include({ stream: 'doomed', deleted: true, revision: 3 });
      const after = del.json().offset as number;

      const read = await fx.app.inject({ method: 'GET', url: `/streams/doomed?after=${after}` });
      expect(read.statusCode).to.equal(410);
      expect(read.json().code).to.equal('SLUICE_ERR_STREAM_DELETED');
      const list = await fx.app.inject({ method: 'GET', url: `/streams?after=${after}` });
      expect(list.json().streams.map((s: { stream: string }) => s.stream)).to.deep.equal(['kept']);
      const types = await fx.app.inject({ method: 'GET', url: `/views/types/records?type=a&after=${after}` });
      expect(types.json().records.map((r: { stream: string }) => r.stream)).to.deep.equal(['kept']);
      const tags = await fx.app.inject({ method: 'GET', url: `/views/tags/records?tag=t1&after=${after}` });
      expect(tags.json().records.map((r: { stream: string }) => r.stream)).to.deep.equal(['kept']);

      const again = await append(fx, 'doomed', [{ type: 'c', data: 4 }]);
      expect(again.revisions).to.deep.equal([4]);
      const reread = await fx.app.inject({ method: 'GET', url: `/streams/doomed?after=${again.lastOffset}` });
      expect(reread.statusCode).to.equal(200);
      expect(reread.json().events.map((e: { revision: number; data: number }) => [e.revision, e.data])).to.deep.equal([[4, 4]]);
    });

    it('answers 404 for an unknown stream, 409 for a wrong expectedRevision and 400 for a hand-written tombstone', async () => {
      fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } });
      await append(fx, 's', [{ type: 'a' }]);
      expect((await fx.app.inject({ method: 'DELETE', url: '/streams/nobody' })).json().code).to.equal('SLUICE_ERR_STREAM_NOT_FOUND');
      const wrong = await fx.app.inject({ method: 'DELETE', url: '/streams/s?expectedRevision=5' });
      expect(wrong.statusCode).to.equal(409);
      expect(wrong.json().code).to.equal('SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION');
      const forged = await fx.app.inject({ method: 'POST', url: '/streams/s', payload: { type: '$tombstone' } });
      expect(forged.statusCode).to.equal(400);
      expect(forged.json().code).to.equal('SLUICE_ERR_EVENT_INVALID');
      expect(fx.store.log.streamRevision('s')).to.equal(0);
    });
  });

  context('when records are erased', () => {
    it('serves each erased record as a marker in JSON, NDJSON, binary and SSE, keeping offsets', async () => {
      fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } });
      const first = await append(fx, 'person-1', [{ type: 'named', data: { name: 'Ada' }, meta: { ip: '1.2.3.4' } }, { type: 'noted', data: 'x' }]);
      await append(fx, 'other', [{ type: 'noted', data: 'keep' }]);
      const res = await fx.app.inject({ method: 'POST', url: '/log/erase', payload: { offsets: [first.offsets[0]] } });
      expect(res.statusCode, res.body).to.equal(200);
      expect(res.json()).to.include({ erased: 1, alreadyErased: 0 });

      const one = (await fx.app.inject({ method: 'GET', url: `/log/${first.offsets[0]}` })).json();
      expect(one).to.deep.equal({ offset: first.offsets[0], stream: 'person-1', revision: 0, type: 'named', ts: one.ts, data: null, erased: true, next: first.offsets[1] });
      const page = (await fx.app.inject({ method: 'GET', url: '/log?from=0' })).json();
      expect(page.records.map((r: { erased?: boolean }) => r.erased ?? false)).to.deep.equal([true, false, false]);
      const ndjson = (await fx.app.inject({ method: 'GET', url: '/log?from=0', headers: { accept: 'application/x-ndjson' } })).body.trim().split('\n').map((l) => JSON.parse(l));
      expect(ndjson[0]).to.deep.equal(one);
      expect(ndjson[1].data).to.equal('x');
      const binary = (await fx.app.inject({ method: 'GET', url: '/log?from=0', headers: { accept: 'application/octet-stream' } })).rawPayload;
      expect(binary.readUInt32BE(8)).to.equal(0xffffffff);
      expect(binary.readUInt32BE(20)).to.equal(3); // the next record's payload "x" (JSON text)
      const sse = parseSse((await fx.app.inject({ method: 'GET', url: '/log?from=0', headers: { accept: 'text/event-stream' } })).body);
      expect(JSON.parse(sse[0]!.data!)).to.deep.equal(one);
      const stream = (await fx.app.inject({ method: 'GET', url: `/streams/person-1?after=${first.lastOffset}` })).json();
      expect(stream.events[0]).to.deep.equal(one);
    });

    it('erases a whole stream with DELETE ?erase=true, and rejects bad offsets with 4xx changing nothing', async () => {
      fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } });
      const written = await append(fx, 'person-2', [{ type: 'a', data: 'p1' }, { type: 'b', data: 'p2' }]);
      const bad = await fx.app.inject({ method: 'POST', url: '/log/erase', payload: { offsets: [written.offsets[0], written.offsets[0]! + 3] } });
      expect(bad.statusCode).to.equal(404);
      expect(bad.json().code).to.equal('SLUICE_ERR_LOG_NO_RECORD');
      const empty = await fx.app.inject({ method: 'POST', url: '/log/erase', payload: { offsets: [] } });
      expect(empty.statusCode).to.equal(400);
      expect(empty.json().code).to.equal('SLUICE_ERR_LOG_ERASE_INVALID');
      expect((await fx.app.inject({ method: 'GET', url: `/log/${written.offsets[0]}` })).json().data).to.equal('p1');
      const unknown = await fx.app.inject({ method: 'DELETE', url: '/streams/nobody?erase=true' });
      expect(unknown.statusCode).to.equal(404);
      const erased = await fx.app.inject({ method: 'DELETE', url: '/streams/person-2?erase=true' });
      expect(erased.statusCode, erased.body).to.equal(200);
      expect(erased.json()).to.deep.include({ stream: 'person-2', erased: 2, offsets: written.offsets });
    });

    it('keeps a live follower going: it sees new records after an erasure beside it', async () => {
      fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } });
      const url = await fx.listen();
      const first = await append(fx, 'p', [{ type: 'a', data: 'one' }]);
      const live = await openStream(`${url}/log?from=0&live=true`, { accept: 'application/x-ndjson' });
      try {
        await live.waitFor((b) => b.toString().includes('"one"'));
        await fx.app.inject({ method: 'POST', url: '/log/erase', payload: { offsets: first.offsets } });
        await append(fx, 'p', [{ type: 'a', data: 'two' }]);
        await live.waitFor((b) => b.toString().includes('"two"'));
        expect(live.res.statusCode).to.equal(200);
      } finally {
        live.destroy();
      }
    });
  });

  context('when API keys are on', () => {
    it('needs the admin scope to erase, and append to soft-delete', async () => {
      fx = await openHttpFixture({ apiKeys: [FULL, `${READ_APPEND}:read,append`], limits: { rateLimitMax: 0, maxEventLoopDelayMs: 0 } });
      const written = await append(fx, 's', [{ type: 'a' }, { type: 'b' }], bearer(FULL));
      const erase = await fx.app.inject({ method: 'POST', url: '/log/erase', payload: { offsets: [written.offsets[0]] }, headers: bearer(READ_APPEND) });
      expect(erase.statusCode).to.equal(403);
      const eraseStream = await fx.app.inject({ method: 'DELETE', url: '/streams/s?erase=true', headers: bearer(READ_APPEND) });
      expect(eraseStream.statusCode).to.equal(403);
      expect(eraseStream.json().code).to.equal('SLUICE_ERR_AUTH_FORBIDDEN');
      expect(fx.store.log.readSync(written.offsets[0]!).erased).to.equal(undefined);
      const soft = await fx.app.inject({ method: 'DELETE', url: '/streams/s', headers: bearer(READ_APPEND) });
      expect(soft.statusCode).to.equal(200);
      const admin = await fx.app.inject({ method: 'POST', url: '/log/erase', payload: { offsets: [written.offsets[0]] }, headers: bearer(FULL) });
      expect(admin.statusCode).to.equal(200);
    });
  });
});

import { expect } from 'chai';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { defineView } from '../../core/view-engine/view-definition.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { openHttpFixture, waitUntil, type HttpFixture } from '../helpers/http-fixture.js';

/** Counts records per type; a `slow` record takes 20 ms to apply, so a query waiting for one outlasts the grace. */
const slowCounts = defineView({
  name: 'counts', version: 1, dbs: { counts: {} },
  apply(record, ctx) {
    if (record.type === 'slow') {
      const until = Date.now() + 20;
      while (Date.now() < until) { /* an expensive apply */ }
    }
    ctx.dbs.counts!.put(record.type, ((ctx.dbs.counts!.get(record.type) as number | undefined) ?? 0) + 1);
  },
  queries: {
    count: {
      params: { type: 'object', additionalProperties: false, required: ['type'], properties: { type: { type: 'string' } } },
      handler: (p: { type: string }, ctx) => ({ count: (ctx.dbs.counts!.get(p.type) as number | undefined) ?? 0 }),
    },
  },
});

/** A stream whose client reads its headers, then nothing: its response can never finish. */
function stalledReader(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers: { accept: 'application/x-ndjson' }, agent: false }, (res) => {
      res.pause();
      resolve(res);
    });
    req.once('error', reject);
    req.end();
  });
}

const post = (url: string, body: unknown): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('server: shutdown grace', function () {
  this.timeout(30_000);
  let fx: HttpFixture;
  afterEach(async () => fx?.store.close());

  it('cuts a stream whose client stopped reading after the grace, and lets a slower request in flight finish', async () => {
    fx = await openHttpFixture({}, { plugins: [definePlugin({ name: 'slow', views: [slowCounts] })], viewBatch: { records: 4 } });
    await fx.listen();
    // Enough log that an unread stream fills the socket's buffers.
    const big = 'x'.repeat(256 * 1024);
    for (let i = 0; i < 4; i++) expect((await post(`${fx.url}/streams/big`, { events: Array.from({ length: 20 }, () => ({ type: 'big', data: big })) })).status).to.equal(201);
    const slow = await post(`${fx.url}/streams/slow`, { events: Array.from({ length: 150 }, () => ({ type: 'slow' })) });
    const { lastOffset } = (await slow.json()) as { lastOffset: number };
    let readerResponse: { writableNeedDrain: boolean } | undefined;
    fx.app.server.on('request', (req: { url?: string }, res: { writableNeedDrain: boolean }) => {
      if (req.url?.startsWith('/log?from=0')) readerResponse = res;
    });
    const reader = await stalledReader(`${fx.url}/log?from=0`);
    // Blocked: the socket's buffers are full, so the response cannot finish without its client reading.
    await waitUntil(() => readerResponse?.writableNeedDrain === true, 10_000, 'the stream to fill the socket');
    // A query waiting for the slow records (~3 s of applying), in flight when the server closes.
    const arrived = new Promise<void>((resolve) => fx.app.server.on('request', (req: { url?: string }) => {
      if (req.url?.startsWith('/views/counts')) resolve();
    }));
    const query = fetch(`${fx.url}/views/counts/count?type=slow&after=${lastOffset}&timeout=20000`);
    await arrived;
    const closing = Date.now();
    await fx.app.close();
    const closedAfter = Date.now() - closing;
    // The query outlasted the grace and was answered; the close waited for it, and no longer.
    expect(closedAfter).to.be.within(2000, 10_000);
    const answer = await query;
    expect(answer.status).to.equal(200);
    expect(await answer.json()).to.deep.equal({ count: 150 });
    // The stalled stream was cut: read now, it ends short of a complete response.
    reader.resume();
    await new Promise((resolve) => reader.once('close', resolve));
    expect(reader.complete, 'the stalled stream ended complete').to.equal(false);
  });
});

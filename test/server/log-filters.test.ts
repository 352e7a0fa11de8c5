// Filtered log reads: only matching records are sent, and the position still moves over the rest (JSON `next`,
// NDJSON/SSE/binary checkpoints), so a reader on a quiet filter resumes where the scan got to.
import { expect } from 'chai';
import { openHttpFixture, openStream, parseSse, type HttpFixture } from '../helpers/http-fixture.js';

describe('server: GET /log with filters', () => {
  let fx: HttpFixture;
  beforeEach(async () => {
    fx = await openHttpFixture({ limits: { heartbeatMs: 50, maxEventLoopDelayMs: 0 } });
    await fx.store.append('order-1', [{ type: 'Placed', tags: ['eu'] }, { type: 'Paid' }]);
    await fx.store.append('cart-1', { type: 'Added', tags: ['eu'] });
    await fx.store.append('order-2', { type: 'Placed' });
    await fx.store.append('cart-2', { type: 'Added' });
  });
  afterEach(async () => fx.close());

  const page = (query: string) => fx.app.inject({ method: 'GET', url: `/log?${query}` });
  const kinds = (records: { stream: string; type: string }[]): string[] => records.map((r) => `${r.stream}/${r.type}`);

  context('when a JSON page is filtered', () => {
    it('answers only matching records for each filter', async () => {
      expect(kinds((await page('category=order-')).json().records)).to.deep.equal(['order-1/Placed', 'order-1/Paid', 'order-2/Placed']);
      expect(kinds((await page('stream=cart-1')).json().records)).to.deep.equal(['cart-1/Added']);
      expect(kinds((await page('type=Placed')).json().records)).to.deep.equal(['order-1/Placed', 'order-2/Placed']);
      expect(kinds((await page('tag=eu')).json().records)).to.deep.equal(['order-1/Placed', 'cart-1/Added']);
      expect(kinds((await page('category=order-&type=Placed&tag=eu')).json().records)).to.deep.equal(['order-1/Placed']);
    });

    it('moves next past records that did not match, so paging resumes after them', async () => {
      const first = (await page('type=Placed&limit=1')).json();
      expect(kinds(first.records)).to.deep.equal(['order-1/Placed']);
      const second = (await page(`type=Placed&limit=1&from=${first.next}`)).json();
      expect(kinds(second.records)).to.deep.equal(['order-2/Placed']);
      const third = (await page(`type=Placed&from=${second.next}`)).json();
      expect(third.records).to.deep.equal([]);
      expect(third.next).to.equal(fx.store.log.end);
    });

    it('long-polls past non-matching appends until a matching one arrives', async () => {
      const end = fx.store.log.end;
      const polling = page(`type=Shipped&live=true&wait=10000&from=${end}`);
      await fx.store.append('order-1', { type: 'Refunded' });
      const shipped = await fx.store.append('order-1', { type: 'Shipped' });
      const body = (await polling).json();
      expect(kinds(body.records)).to.deep.equal(['order-1/Shipped']);
      expect(body.records[0].offset).to.equal(shipped.lastOffset);
    });
  });

  context('when a stream is filtered', () => {
    it('sends matching NDJSON records and a checkpoint line with the position at the end', async () => {
      const res = await page('type=Paid');
      const lines = res.body.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(res.statusCode).to.equal(200);
      const nd = await fx.app.inject({ method: 'GET', url: '/log?type=Paid', headers: { accept: 'application/x-ndjson' } });
      const ndLines = nd.body.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(ndLines.map((l) => l.type ?? 'checkpoint')).to.deep.equal(['Paid', 'checkpoint']);
      expect(ndLines[1]).to.deep.equal({ next: fx.store.log.end });
      expect(lines).to.have.length(1);
      const byCategoryAndTag = await fx.app.inject({ method: 'GET', url: '/log?category=cart-&tag=eu', headers: { accept: 'application/x-ndjson' } });
      const matched = byCategoryAndTag.body.trim().split('\n').map((l) => JSON.parse(l) as { stream?: string; next: number });
      expect(matched.map((l) => l.stream ?? 'checkpoint')).to.deep.equal(['cart-1', 'checkpoint']);
    });

    it('sends binary items and a checkpoint item (length 0xFFFFFFFF) with the position', async () => {
      const res = await fx.app.inject({ method: 'GET', url: '/log?stream=order-2', headers: { accept: 'application/octet-stream' } });
      const buf = res.rawPayload;
      const firstLength = buf.readUInt32BE(8);
      const checkpointAt = 12 + firstLength;
      expect(buf.readUInt32BE(checkpointAt + 8)).to.equal(0xffffffff);
      expect(Number(buf.readBigUInt64BE(checkpointAt))).to.equal(fx.store.log.end);
    });
  });

  context('when a filtered SSE subscription is on a quiet filter', () => {
    it('sends checkpoints while other records pass, and resumes after them with Last-Event-ID', async () => {
      await fx.listen();
      const first = await openStream(`${fx.url}/log?live=true&type=Shipped&from=${fx.store.log.end}`, { accept: 'text/event-stream' });
      const noise = await fx.store.append('cart-3', [{ type: 'Added' }, { type: 'Added' }]);
      const body = await first.waitFor((b) => parseSse(b.toString()).some((e) => e.event === 'checkpoint'), 10_000, 'a checkpoint');
      first.destroy();
      const checkpoint = parseSse(body.toString()).find((e) => e.event === 'checkpoint')!;
      expect(checkpoint.id).to.equal(String(noise.offsets[1]));
      expect(JSON.parse(checkpoint.data!)).to.deep.equal({ next: noise.end });
      const shipped = await fx.store.append('order-9', { type: 'Shipped' });
      const resumed = await openStream(`${fx.url}/log?live=true&type=Shipped`, { accept: 'text/event-stream', 'last-event-id': checkpoint.id! });
      const more = await resumed.waitFor((b) => parseSse(b.toString()).some((e) => e.event === 'record'), 10_000, 'the record');
      resumed.destroy();
      const records = parseSse(more.toString()).filter((e) => e.event === 'record');
      expect(records.map((e) => Number(e.id))).to.deep.equal([shipped.lastOffset]);
    });
  });

  context('when a filter can match nothing', () => {
    for (const [what, query] of [
      ['an impossible stream name', 'stream=a%20b'],
      ['a stream outside the category', 'stream=order-1&category=cart-'],
      ['an empty type', 'type='],
    ] as const) {
      it(`answers 400 SLUICE_ERR_LOG_FILTER_INVALID for ${what}`, async () => {
        const res = await page(query);
        expect(res.statusCode).to.equal(400);
        expect(res.json().code).to.equal('SLUICE_ERR_LOG_FILTER_INVALID');
      });
    }
  });
});

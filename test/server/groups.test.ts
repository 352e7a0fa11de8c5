// Consumer groups over HTTP against a real store: leases, acks, nacks, parking, lease expiry, restart, bad input.
import { expect } from 'chai';
import { openHttpFixture, type HttpFixture } from '../helpers/http-fixture.js';

interface Delivered { offset: number; stream: string; type: string; deliveries: number }

describe('server: consumer groups', () => {
  let fx: HttpFixture;
  // No load shedding: on a busy CI machine the event-loop-delay guard would answer 503 at random.
  beforeEach(async () => { fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } }); });
  afterEach(async () => fx.close());

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown) => fx.app.inject({
    method, url, ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) }),
  });
  const create = (body: Record<string, unknown>) => call('POST', '/groups', body);
  const read = async (group: string, body: Record<string, unknown> = {}): Promise<Delivered[]> => {
    const res = await call('POST', `/groups/${group}/read`, body);
    expect(res.statusCode, res.body).to.equal(200);
    return res.json().records as Delivered[];
  };
  const info = async (group: string) => (await call('GET', `/groups/${group}`)).json();

  async function seed(): Promise<number[]> {
    const offsets: number[] = [];
    for (let i = 0; i < 6; i++) {
      offsets.push(...(await fx.store.append(i % 2 === 0 ? `order-${i}` : `cart-${i}`, { type: i % 3 === 0 ? 'Placed' : 'Other', data: i })).offsets);
    }
    return offsets;
  }

  context('when a group is created, read and acknowledged', () => {
    it('hands out each matching record once and moves the checkpoint only over acknowledged ones', async () => {
      const offsets = await seed();
      expect((await create({ name: 'orders', filter: { category: 'order-' } })).statusCode).to.equal(201);
      const a = await read('orders', { consumer: 'a', limit: 2 });
      const b = await read('orders', { consumer: 'b', limit: 10 });
      expect(a.map((r) => r.stream)).to.deep.equal(['order-0', 'order-2']);
      expect(b.map((r) => r.stream)).to.deep.equal(['order-4']);
      expect(a[0]!.deliveries).to.equal(1);
      // Acking the later records first does not move the checkpoint past the first, still leased.
      const partial = (await call('POST', '/groups/orders/ack', { offsets: [a[1]!.offset, b[0]!.offset] })).json();
      expect(partial.checkpoint).to.equal(a[0]!.offset);
      expect(await info('orders')).to.include({ inFlight: 1, checkpoint: offsets[0] });
      const done = (await call('POST', '/groups/orders/ack', { offsets: [a[0]!.offset] })).json();
      expect(done.checkpoint).to.equal(fx.store.log.end);
      expect(await info('orders')).to.include({ inFlight: 0, lagBytes: 0, parked: 0 });
    });

    it('survives a restart of the store: delivery resumes at the checkpoint, unacknowledged records come again', async () => {
      await seed();
      await create({ name: 'all' });
      const first = await read('all', { limit: 3 });
      await call('POST', '/groups/all/ack', { offsets: [first[0]!.offset] });
      const dataDir = fx.dir;
      await fx.app.close();
      await fx.store.close();
      fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } }, { dataDir });
      const again = await read('all', { limit: 100 });
      expect(again.map((r) => r.offset)).to.deep.equal([first[1]!.offset, first[2]!.offset, ...again.slice(2).map((r) => r.offset)]);
      expect(again).to.have.length(5);
    });
  });

  context('when records are negatively acknowledged or not acknowledged in time', () => {
    it('retries, then parks after maxDeliveries; the parked list can be replayed', async () => {
      const [offset] = (await fx.store.append('s', { type: 'Poison' })).offsets;
      await create({ name: 'g', maxDeliveries: 2 });
      const one = await read('g');
      await call('POST', '/groups/g/nack', { offsets: [offset] });
      const two = await read('g');
      expect(two.map((r) => [r.offset, r.deliveries])).to.deep.equal([[offset, 2]]);
      expect(one[0]!.deliveries).to.equal(1);
      const parkedNow = (await call('POST', '/groups/g/nack', { offsets: [offset], reason: 'bad data' })).json();
      expect(parkedNow.checkpoint).to.equal(fx.store.log.end);
      const parked = (await call('GET', '/groups/g/parked')).json().parked;
      expect(parked).to.have.length(1);
      expect(parked[0]).to.include({ offset, stream: 's', type: 'Poison', deliveries: 2 });
      expect(await info('g')).to.include({ parked: 1, inFlight: 0 });
      expect(await read('g')).to.deep.equal([]);
      expect((await call('POST', '/groups/g/parked/replay')).json()).to.deep.equal({ replayed: 1 });
      const replayed = await read('g');
      expect(replayed.map((r) => r.offset)).to.deep.equal([offset]);
      await call('POST', '/groups/g/ack', { offsets: [offset] });
      expect(await info('g')).to.include({ parked: 0 });
    });

    it('parks at once with action park', async () => {
      const [offset] = (await fx.store.append('s', { type: 'T' })).offsets;
      await create({ name: 'g' });
      await read('g');
      await call('POST', '/groups/g/nack', { offsets: [offset], action: 'park', reason: 'nope' });
      expect((await call('GET', '/groups/g/parked')).json().parked[0]).to.include({ reason: 'nope' });
    });

    it('hands a record to another consumer once its lease expires', async () => {
      const [offset] = (await fx.store.append('s', { type: 'T' })).offsets;
      await create({ name: 'g', ackTimeoutMs: 50 });
      expect((await read('g', { consumer: 'crashed' })).map((r) => r.offset)).to.deep.equal([offset]);
      // The long-poll wakes when the lease ends (no sleep: the wait is bounded by `wait`).
      const again = await read('g', { consumer: 'healthy', wait: 5000 });
      expect(again.map((r) => [r.offset, r.deliveries])).to.deep.equal([[offset, 2]]);
    });
  });

  context('when a long-poll read waits', () => {
    it('answers as soon as a matching record is appended', async () => {
      await create({ name: 'g', filter: { type: 'Wanted' }, from: 'end' });
      const waiting = read('g', { wait: 10_000 });
      await fx.store.append('s', { type: 'Other' });
      const wanted = await fx.store.append('s', { type: 'Wanted' });
      expect((await waiting).map((r) => r.offset)).to.deep.equal(wanted.offsets);
    });
  });

  context('when listed, inspected, scraped and deleted', () => {
    it('shows every group, its lag in /metrics, and forgets it on delete', async () => {
      await seed();
      await create({ name: 'b-group' });
      await create({ name: 'a-group', filter: { type: 'Placed' } });
      const list = (await call('GET', '/groups')).json().groups;
      expect(list.map((g: { name: string }) => g.name)).to.deep.equal(['a-group', 'b-group']);
      expect(list[0]).to.include({ maxDeliveries: 5, ackTimeoutMs: 30000, lagBytes: fx.store.log.end });
      const metrics = (await call('GET', '/metrics')).body;
      expect(metrics).to.contain(`sluice_group_lag_bytes{group="a-group"} ${fx.store.log.end}`);
      expect((await call('DELETE', '/groups/a-group')).statusCode).to.equal(204);
      expect((await call('GET', '/groups/a-group')).json().code).to.equal('SLUICE_ERR_GROUP_NOT_FOUND');
      expect((await call('POST', '/groups', { name: 'a-group' })).statusCode).to.equal(201);
    });
  });

  context('when the request is bad', () => {
    it('answers a clear 4xx with a stable code and changes nothing', async () => {
      const [offset] = (await fx.store.append('s', { type: 'T' })).offsets;
      await create({ name: 'g' });
      const cases: Array<[string, 'GET' | 'POST' | 'DELETE', string, unknown, number, string]> = [
        ['an unknown group', 'POST', '/groups/nope/read', {}, 404, 'SLUICE_ERR_GROUP_NOT_FOUND'],
        ['a name taken', 'POST', '/groups', { name: 'g' }, 409, 'SLUICE_ERR_GROUP_EXISTS'],
        ['a bad name', 'POST', '/groups', { name: '-x y' }, 400, 'SLUICE_ERR_GROUP_INVALID'],
        ['a filter that cannot match', 'POST', '/groups', { name: 'h', filter: { stream: 'a', category: 'b' } }, 400, 'SLUICE_ERR_LOG_FILTER_INVALID'],
        ['an unknown filter field', 'POST', '/groups', { name: 'h', filter: { colour: 'red' } }, 400, 'SLUICE_ERR_GROUP_INVALID'],
        ['a start that is no record', 'POST', '/groups', { name: 'h', from: offset + 1 }, 400, 'SLUICE_ERR_GROUP_INVALID'],
        ['an ack for a record not handed out', 'POST', '/groups/g/ack', { offsets: [offset] }, 409, 'SLUICE_ERR_GROUP_NOT_IN_FLIGHT'],
        ['an ack without offsets', 'POST', '/groups/g/ack', { offsets: [] }, 400, 'SLUICE_ERR_GROUP_INVALID'],
        ['a nack with an unknown action', 'POST', '/groups/g/nack', { offsets: [offset], action: 'drop' }, 400, 'SLUICE_ERR_GROUP_INVALID'],
      ];
      for (const [what, method, url, body, status, code] of cases) {
        const res = await call(method, url, body);
        expect([what, res.statusCode, res.json().code]).to.deep.equal([what, status, code]);
      }
      expect((await call('GET', '/groups')).json().groups.map((g: { name: string }) => g.name)).to.deep.equal(['g']);
      const [delivered] = await read('g');
      // One bad offset in an ack: the good one is not acknowledged either.
      const mixed = await call('POST', '/groups/g/ack', { offsets: [delivered!.offset, 999_999] });
      expect(mixed.json()).to.include({ code: 'SLUICE_ERR_GROUP_NOT_IN_FLIGHT', group: 'g' });
      expect(await info('g')).to.include({ inFlight: 1, checkpoint: offset });
    });
  });
});

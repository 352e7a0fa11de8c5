// Raw reads across a damaged record, against a real server process: every representation of GET /log delivers every
// good record before and after the damage exactly once, plus an explicit marker naming the damaged range.
import { expect } from 'chai';
import { createClient, SluiceError, type LogDamage } from '../../client/index.js';
import { startServerProcess, tempDir, type ServerProcess, type TempDir } from '../helpers/cli-fixture.js';
import { writeDamagedStore, type DamagedStore } from '../helpers/damaged-store.js';

interface Marker { from: number; to: number; reason: string }

async function get(url: string, accept: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(url, { headers: { accept, ...headers } });
}

/** Items of the binary stream: records (offset, payload), damage markers and checkpoints. */
function binaryItems(buf: Buffer): Array<{ offset: number; data?: unknown; damaged?: { from: number; to: number } }> {
  const items: Array<{ offset: number; data?: unknown; damaged?: { from: number; to: number } }> = [];
  let at = 0;
  const u64 = (p: number): number => buf.readUInt32BE(p) * 0x1_0000_0000 + buf.readUInt32BE(p + 4);
  while (at < buf.length) {
    const offset = u64(at);
    const length = buf.readUInt32BE(at + 8);
    at += 12;
    if (length === 0xfffffffe) {
      items.push({ offset, damaged: { from: offset, to: u64(at) } });
      at += 8;
    } else {
      items.push({ offset, data: JSON.parse(buf.subarray(at, at + length).toString()) });
      at += length;
    }
  }
  return items;
}

describe('GET /log across a damaged record (real server)', () => {
  let tmp: TempDir;
  let store: DamagedStore;
  let server: ServerProcess;
  before(async () => {
    tmp = tempDir('sluice-log-damage-');
    store = await writeDamagedStore(tmp.data);
    server = await startServerProcess(tmp.data);
  });
  after(async () => {
    await server?.stop();
    tmp.remove();
  });

  const goodOffsets = (): number[] => store.good.map((r) => r.offset);

  it('JSON: a page ends at the damage with the damaged range and the next good record as next; the next page carries on', async () => {
    const first = await (await get(`${server.url}/log?from=0`, 'application/json')).json() as { records: Array<{ offset: number }>; damaged: Marker[]; next: number };
    expect(first.records.map((r) => r.offset)).to.deep.equal(store.good.filter((r) => r.offset < store.damaged.from).map((r) => r.offset));
    expect(first.damaged).to.deep.equal([{ ...store.damaged, reason: 'checksum mismatch' }]);
    expect(first.next).to.equal(store.damaged.to);
    const second = await (await get(`${server.url}/log?from=${first.next}`, 'application/json')).json() as { records: Array<{ offset: number }>; damaged?: Marker[] };
    expect(second.damaged).to.equal(undefined);
    expect([...first.records, ...second.records].map((r) => r.offset)).to.deep.equal(goodOffsets());
  });

  it('JSON: a page may start at the damaged record, and after= the damaged offset continues at the next good record', async () => {
    const at = await (await get(`${server.url}/log?from=${store.damaged.from}`, 'application/json')).json() as { records: unknown[]; damaged: Marker[]; next: number };
    expect(at).to.deep.include({ records: [], next: store.damaged.to });
    expect(at.damaged[0]).to.include(store.damaged);
    const after = await (await get(`${server.url}/log?after=${store.damaged.from}&limit=1`, 'application/json')).json() as { records: Array<{ offset: number }> };
    expect(after.records.map((r) => r.offset)).to.deep.equal([store.damaged.to]);
  });

  it('NDJSON: every good record once, and a damage line in its place', async () => {
    const lines = (await (await get(`${server.url}/log?from=0`, 'application/x-ndjson')).text()).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    const records = lines.filter((l) => 'offset' in l);
    expect(records.map((r) => r.offset)).to.deep.equal(goodOffsets());
    const markers = lines.filter((l) => 'damaged' in l);
    expect(markers).to.deep.equal([{ damaged: { ...store.damaged, reason: 'checksum mismatch' }, next: store.damaged.to }]);
    expect(lines.indexOf(markers[0]!)).to.equal(store.good.findIndex((r) => r.offset > store.damaged.from));
  });

  it('binary: every good record once, and a damage item (length 0xFFFFFFFE, then the offset it resumes at)', async () => {
    const items = binaryItems(Buffer.from(await (await get(`${server.url}/log?from=0`, 'application/octet-stream')).arrayBuffer()));
    expect(items.filter((i) => i.damaged === undefined).map((i) => i.offset)).to.deep.equal(goodOffsets());
    expect(items.filter((i) => i.damaged !== undefined).map((i) => i.damaged)).to.deep.equal([store.damaged]);
    expect(items.filter((i) => i.damaged === undefined).map((i) => (i.data as { i: number }).i)).to.deep.equal(store.good.map((r) => r.i));
  });

  it('SSE: every good record once, a damaged event, and Last-Event-ID of the damaged offset resumes after it', async () => {
    const text = await (await get(`${server.url}/log?from=0`, 'text/event-stream')).text();
    const events = text.split('\n\n').filter((e) => e.trim() !== '').map((e) => Object.fromEntries(e.split('\n').map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)])));
    expect(events.filter((e) => e.event === 'record').map((e) => Number(e.id))).to.deep.equal(goodOffsets());
    const damaged = events.filter((e) => e.event === 'damaged');
    expect(damaged).to.have.length(1);
    expect(damaged[0]!.id).to.equal(String(store.damaged.from));
    expect(JSON.parse(damaged[0]!.data!)).to.deep.equal({ damaged: { ...store.damaged, reason: 'checksum mismatch' }, next: store.damaged.to });
    const resumed = await (await get(`${server.url}/log`, 'text/event-stream', { 'last-event-id': String(store.damaged.from) })).text();
    expect(/id: (\d+)/.exec(resumed)![1]).to.equal(String(store.damaged.to));
  });

  it('client subscribe(): reports the damage to onDamage and carries on, or ends with SLUICE_ERR_LOG_CORRUPT_RECORD without it', async () => {
    const client = createClient({ url: server.url });
    const last = store.good[store.good.length - 1]!.offset;
    for (const format of ['ndjson', 'sse'] as const) {
      const damage: LogDamage[] = [];
      const seen: number[] = [];
      for await (const record of client.subscribe({ from: 0, format, onDamage: (d) => damage.push(d) })) {
        seen.push(record.offset);
        if (record.offset === last) break;
      }
      expect(seen, format).to.deep.equal(goodOffsets());
      expect(damage, format).to.deep.equal([{ ...store.damaged, reason: 'checksum mismatch' }]);
      const before: number[] = [];
      const err = await (async () => {
        for await (const record of client.subscribe({ from: 0, format })) before.push(record.offset);
      })().catch((e: unknown) => e);
      expect((err as SluiceError).code, format).to.equal('SLUICE_ERR_LOG_CORRUPT_RECORD');
      expect((err as SluiceError).details).to.include({ offset: store.damaged.from, next: store.damaged.to });
      expect(before).to.deep.equal(store.good.filter((r) => r.offset < store.damaged.from).map((r) => r.offset));
    }
  });

  it('a single record read of the damaged offset still answers 500 SLUICE_ERR_LOG_CORRUPT_RECORD', async () => {
    const res = await fetch(`${server.url}/log/${store.damaged.from}`);
    expect(res.status).to.equal(500);
    expect(((await res.json()) as { code: string }).code).to.equal('SLUICE_ERR_LOG_CORRUPT_RECORD');
  });
});

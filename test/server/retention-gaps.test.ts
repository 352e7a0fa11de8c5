// Readers and retention: a stream that falls behind the log's first offset while it is open, or resumes after a
// record retention removed, gets an explicit gap marker (readers at the cut or past it get none) (from, to) in NDJSON, SSE and binary and carries on at the
// first offset; the client reports it through onGap or fails with SLUICE_ERR_LOG_BEFORE_START, never a silent jump.
import { expect } from 'chai';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createClient, SluiceError } from '../../client/index.js';
import type { LogGap } from '../../client/index.js';
import type { Store } from '../../core/store-api.js';
import { segmentBases } from '../../core/log/segment-names.js';
import { LiveRegistry } from '../../server/live-registry.js';
import { LogStream } from '../../server/log-stream.js';
import { openHttpFixture, openStream, parseNdjson, parseSse, waitUntil, type HttpFixture } from '../helpers/http-fixture.js';

const EVENTS = 20_000;

async function fill(store: Store, count: number): Promise<void> {
  for (let i = 0; i < count; i += 500) {
    await store.appendBatch(Array.from({ length: 500 }, (_, j) => ({ stream: `s-${(i + j) % 13}`, events: [{ type: 'T', data: { i: i + j, pad: 'x'.repeat(80) } }] })));
  }
}

interface Item { offset?: number; next?: number; gap?: LogGap }

/** Records and gaps in order: every record starts where the one before it (or a gap) ended. */
function expectContiguous(items: Item[], from: number, end: number): LogGap[] {
  const gaps: LogGap[] = [];
  let at = from;
  for (const item of items) {
    if (item.gap !== undefined) {
      expect(item.gap.from, 'a gap starts where the reader was').to.equal(at);
      gaps.push(item.gap);
      at = item.gap.to;
      continue;
    }
    expect(item.offset, 'no record skipped without a gap marker').to.equal(at);
    at = item.next!;
  }
  expect(at, 'the reader reached the end').to.equal(end);
  return gaps;
}

/** The binary item stream: records, and gap items (length 0xFFFFFFFD, offset = where reading continues). */
function binaryItems(buf: Buffer, lengths: Map<number, number>): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let last = 0;
  while (pos + 12 <= buf.length) {
    const offset = Number(buf.readBigUInt64BE(pos));
    const length = buf.readUInt32BE(pos + 8);
    if (length === 0xfffffffd) {
      items.push({ gap: { from: last, to: offset } });
      last = offset;
      pos += 12;
      continue;
    }
    items.push({ offset, next: offset + lengths.get(offset)! });
    last = offset + lengths.get(offset)!;
    pos += 12 + length;
  }
  return items;
}

describe('readers behind retention', function () {
  this.timeout(60_000);
  let fx: HttpFixture;

  beforeEach(async () => {
    fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } }, { segmentBytes: 64 * 1024 });
    await fill(fx.store, EVENTS);
    await fx.listen();
  });

  afterEach(async () => {
    await fx.close();
  });

  it('sends a stream that fell behind a gap marker from where it was to the new first offset, then every kept record, in NDJSON, SSE and binary', async () => {
    const end = fx.store.log.end;
    // Record lengths, to check the binary stream's contiguity (its items carry offsets and payloads only).
    const lengths = new Map<number, number>();
    for (let at = 0; at < end;) {
      const batch = fx.store.log.readBatch(at, { limit: EVENTS });
      for (const r of batch.records) lengths.set(r.offset, r.next - r.offset);
      at = batch.next;
    }
    // Streams read only as fast as they are read from: after the first chunk each holds at most its buffer.
    const streams = (['ndjson', 'sse', 'binary'] as const).map((format) => new LogStream({
      log: fx.store.log, from: 0, live: false, heartbeatMs: 60_000, format, registry: new LiveRegistry(),
    }));
    const bodies = await Promise.all(streams.map(async (stream) => {
      const first = await new Promise<Buffer>((resolve) => stream.once('data', (chunk: Buffer | string) => resolve(Buffer.from(chunk))));
      stream.pause();
      return [first];
    }));
    expect(streams.every((s) => s.cursor < 1_000_000)).to.equal(true);
    const report = await fx.store.applyRetention({ maxBytes: 200_000 });
    expect(report.start).to.be.greaterThan(1_000_000);
    await Promise.all(streams.map((stream, i) => new Promise<void>((resolve, reject) => {
      stream.on('data', (chunk: Buffer | string) => bodies[i]!.push(Buffer.from(chunk)));
      stream.on('end', resolve);
      stream.on('error', reject);
      stream.resume();
    })));
    const [ndjson, sse, binary] = bodies.map((chunks) => Buffer.concat(chunks));
    const ndjsonGaps = expectContiguous(parseNdjson(ndjson!.toString()) as Item[], 0, end);
    const sseItems: Item[] = parseSse(sse!.toString()).map((e) => (e.event === 'gap' ? { gap: pick(JSON.parse(e.data!)) } : JSON.parse(e.data!) as Item));
    const sseGaps = expectContiguous(sseItems, 0, end);
    const binaryGaps = expectContiguous(binaryItems(binary!, lengths), 0, end);
    for (const gaps of [ndjsonGaps, sseGaps, binaryGaps]) expect(gaps.map((g) => g.to)).to.deep.equal([report.start]);
  });

  it('sends no gap to streams at the new first offset or past it: they read on without a marker', async () => {
    const end = fx.store.log.end;
    // Where a 200,000-byte limit will cut: the first segment base with at most that much log after it.
    const bases = segmentBases(readdirSync(join(fx.dir, 'log')));
    const cut = bases.find((base) => end - base <= 200_000)!;
    const after = fx.store.log.readBatch(cut, { limit: 10 }).records[9]!.offset;
    const streams = [cut, after].map((from) => new LogStream({ log: fx.store.log, from, live: false, heartbeatMs: 60_000, format: 'ndjson', registry: new LiveRegistry() }));
    const report = await fx.store.applyRetention({ maxBytes: 200_000 });
    expect(report.start).to.equal(cut);
    const bodies = await Promise.all(streams.map((stream) => new Promise<string>((resolve, reject) => {
      let text = '';
      stream.on('data', (chunk: Buffer | string) => { text += chunk.toString(); });
      stream.on('end', () => resolve(text));
      stream.on('error', reject);
    })));
    for (const [i, from] of [cut, after].entries()) {
      const items = parseNdjson(bodies[i]!) as Item[];
      expect(items.filter((item) => item.gap !== undefined), `reader from ${from}`).to.deep.equal([]);
      expectContiguous(items, from, end);
    }
  });

  it('opens a stream resuming after a removed record (after=, Last-Event-ID) with the gap; a JSON page answers 410', async () => {
    const report = await fx.store.applyRetention({ maxBytes: 200_000 });
    const end = fx.store.log.end;
    const ndjson = await openStream(`${fx.url}/log?after=0`, { accept: 'application/x-ndjson' });
    await ndjson.ended;
    const items = parseNdjson(ndjson.body().toString()) as Item[];
    expect(items[0]).to.deep.equal({ gap: { from: 0, to: report.start }, next: report.start });
    expectContiguous(items, 0, end);
    const sse = await openStream(`${fx.url}/log`, { accept: 'text/event-stream', 'last-event-id': '0' });
    await sse.ended;
    const events = parseSse(sse.body().toString());
    expect(events[0]).to.deep.equal({ event: 'gap', data: `{"from":0,"to":${report.start},"next":${report.start}}` });
    expect(JSON.parse(events[1]!.data!).offset).to.equal(report.start);
    const page = await fx.app.inject({ method: 'GET', url: '/log?after=0' });
    expect(page.statusCode).to.equal(410);
    expect(page.json().code).to.equal('SLUICE_ERR_LOG_BEFORE_START');
  });

  it('reports gaps to a client subscription through onGap and continues at the first offset', async () => {
    const report = await fx.store.applyRetention({ maxBytes: 200_000 });
    const client = createClient({ url: fx.url });
    for (const options of [{ after: 0 }, { from: 0 }, { after: 0, format: 'sse' as const }]) {
      const gaps: LogGap[] = [];
      let first: number | undefined;
      for await (const record of client.subscribe({ ...options, onGap: (gap) => gaps.push(gap), retry: { initialDelayMs: 1 } })) {
        first = record.offset;
        break;
      }
      expect(gaps, JSON.stringify(options)).to.deep.equal([{ from: 0, to: report.start }]);
      expect(first).to.equal(report.start);
    }
  });

  it('resumes a filtered client subscription from its last checkpoint, so retention past its last match is no gap', async () => {
    await fx.close();
    // Idle filtered streams send their checkpoint at each heartbeat: a short one, so the test need not wait 15 s.
    fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0, heartbeatMs: 100 } }, { segmentBytes: 64 * 1024 });
    await fill(fx.store, EVENTS);
    await fx.listen();
    const rare = await fx.store.append('rare', [{ type: 'Rare', data: {} }]);
    const client = createClient({ url: fx.url });
    const controller = new AbortController();
    const gaps: LogGap[] = [];
    const seen: number[] = [];
    const reading = (async () => {
      for await (const record of client.subscribe({ from: 0, type: 'Rare', signal: controller.signal, onGap: (gap) => gaps.push(gap), retry: { initialDelayMs: 1 } })) {
        seen.push(record.offset);
        if (seen.length === 2) controller.abort();
      }
    })();
    await waitUntil(() => seen.length === 1, 10_000, 'the first rare record');
    // Records that do not match, then a pause: the stream tells the client how far it scanned (a checkpoint).
    await fill(fx.store, 2000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const report = await fx.store.applyRetention({ maxBytes: 200_000 });
    expect(report.start, 'retention removed the last match').to.be.greaterThan(rare.lastOffset);
    // The connection drops; the client reconnects from its checkpoint, past the removed records.
    fx.app.server.closeAllConnections();
    const next = await fx.store.append('rare', [{ type: 'Rare', data: {} }]);
    await reading;
    expect(seen).to.deep.equal([rare.lastOffset, next.lastOffset]);
    expect(gaps, 'no gap: every removed record was scanned before').to.deep.equal([]);
  });

  it('ends a client subscription without onGap with SLUICE_ERR_LOG_BEFORE_START naming the gap, never skipping silently', async () => {
    const report = await fx.store.applyRetention({ maxBytes: 200_000 });
    const client = createClient({ url: fx.url });
    for (const options of [{ after: 0 }, { from: 0 }]) {
      const seen: number[] = [];
      const err = await (async () => {
        for await (const record of client.subscribe(options)) seen.push(record.offset);
      })().catch((e: unknown) => e);
      expect(err).to.be.instanceOf(SluiceError);
      expect((err as SluiceError).code).to.equal('SLUICE_ERR_LOG_BEFORE_START');
      expect((err as SluiceError).status).to.equal(410);
      expect((err as SluiceError).details.start).to.equal(report.start);
      expect(seen).to.deep.equal([]);
    }
  });
});

function pick(value: { from: number; to: number }): LogGap {
  return { from: value.from, to: value.to };
}

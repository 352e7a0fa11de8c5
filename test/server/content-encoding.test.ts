// Content-Encoding on request bodies, against a real listening server: gzip, deflate and br bodies are stored
// decoded (JSON and raw payloads alike); the body limit counts decoded bytes, so a zip bomb gets 413 without being
// inflated whole; an unknown encoding gets 415 naming it, a body that is not the encoding it claims 400. A refused
// request leaves the log as it was.
import { expect } from 'chai';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { openHttpFixture, type HttpFixture } from '../helpers/http-fixture.js';

const LIMIT = 64 * 1024;

describe('server: Content-Encoding of request bodies', () => {
  let fx: HttpFixture;
  before(async () => {
    fx = await openHttpFixture({ limits: { maxBodyBytes: LIMIT } });
    await fx.listen();
  });
  after(async () => fx.close());

  async function post(path: string, body: Buffer, headers: Record<string, string>): Promise<{ status: number; json: Record<string, unknown> }> {
    const res = await fetch(`${fx.url}${path}`, { method: 'POST', headers, body: new Uint8Array(body) });
    return { status: res.status, json: await res.json() as Record<string, unknown> };
  }

  const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

  context('when the body is gzip, deflate or br', () => {
    for (const [encoding, encode] of [['gzip', gzipSync], ['deflate', deflateSync], ['br', brotliCompressSync]] as const) {
      it(`stores a ${encoding} JSON event decoded`, async () => {
        const event = { type: 'Deposited', data: { amount: 5, encoding } };
        const res = await post('/streams/enc-json', encode(json(event)), { 'content-type': 'application/json', 'content-encoding': encoding });
        expect(res.status, JSON.stringify(res.json)).to.equal(201);
        const record = await fx.store.log.read(res.json.lastOffset as number);
        expect(record.type).to.equal('Deposited');
        expect(record.data).to.deep.equal(event.data);
      });

      it(`stores a ${encoding} raw payload byte-exact, as sent before encoding`, async () => {
        const payload = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256));
        const res = await post('/streams/enc-raw?type=blob', encode(payload), { 'content-type': 'application/octet-stream', 'content-encoding': encoding.toUpperCase() });
        expect(res.status, JSON.stringify(res.json)).to.equal(201);
        const record = await fx.store.log.read(res.json.lastOffset as number);
        expect(record.binary).to.equal(true);
        expect(Buffer.compare(record.data as Buffer, payload)).to.equal(0);
      });
    }

    it('decodes a gzip multi-stream append (POST /append)', async () => {
      const body = { writes: [{ stream: 'enc-a', events: [{ type: 't', data: 1 }] }, { stream: 'enc-b', events: [{ type: 't', data: 2 }] }] };
      const res = await post('/append', gzipSync(json(body)), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      expect(res.status, JSON.stringify(res.json)).to.equal(201);
      expect((await fx.store.log.read(res.json.lastOffset as number)).data).to.equal(2);
    });

    it('takes identity (and no header) as the body as is', async () => {
      const res = await post('/streams/enc-id', json({ type: 't', data: 'plain' }), { 'content-type': 'application/json', 'content-encoding': 'identity' });
      expect(res.status).to.equal(201);
    });
  });

  context('when the request is refused', () => {
    async function expectRefused(path: string, body: Buffer, headers: Record<string, string>, status: number, code: string): Promise<Record<string, unknown>> {
      const end = fx.store.log.end;
      const res = await post(path, body, headers);
      expect(res.status, JSON.stringify(res.json)).to.equal(status);
      expect(res.json.code).to.equal(code);
      expect(fx.store.log.end, 'the log is unchanged').to.equal(end);
      return res.json;
    }

    it('answers 415 SLUICE_ERR_HTTP_UNSUPPORTED_ENCODING naming an encoding it cannot decode', async () => {
      const body = await expectRefused('/streams/enc-x', json({ type: 't' }), { 'content-type': 'application/json', 'content-encoding': 'compress' }, 415, 'SLUICE_ERR_HTTP_UNSUPPORTED_ENCODING');
      expect(body.encoding).to.equal('compress');
      expect(body.message).to.contain('compress');
    });

    it('answers 415 for stacked encodings', async () => {
      await expectRefused('/streams/enc-x', gzipSync(gzipSync(json({ type: 't' }))), { 'content-type': 'application/json', 'content-encoding': 'gzip, gzip' }, 415, 'SLUICE_ERR_HTTP_UNSUPPORTED_ENCODING');
    });

    it('answers 413 SLUICE_ERR_HTTP_BODY_TOO_LARGE for a small gzip body that inflates past the limit (a zip bomb)', async () => {
      const bomb = gzipSync(Buffer.alloc(48 * 1024 * 1024));
      expect(bomb.length).to.be.lessThan(LIMIT);
      const body = await expectRefused('/streams/enc-bomb?type=blob', bomb, { 'content-type': 'application/octet-stream', 'content-encoding': 'gzip' }, 413, 'SLUICE_ERR_HTTP_BODY_TOO_LARGE');
      expect(body.limit).to.equal(LIMIT);
    });

    it('answers 413 for a JSON br body whose decoded size passes the limit', async () => {
      const big = json({ type: 't', data: 'x'.repeat(LIMIT * 2) });
      await expectRefused('/streams/enc-big', brotliCompressSync(big), { 'content-type': 'application/json', 'content-encoding': 'br' }, 413, 'SLUICE_ERR_HTTP_BODY_TOO_LARGE');
    });

    it('answers 400 SLUICE_ERR_HTTP_BAD_ENCODING for a body that is not the encoding it claims', async () => {
      await expectRefused('/streams/enc-bad', json({ type: 't' }), { 'content-type': 'application/json', 'content-encoding': 'gzip' }, 400, 'SLUICE_ERR_HTTP_BAD_ENCODING');
    });

    it('still writes once the bad requests are gone (the server keeps serving)', async () => {
      const res = await post('/streams/enc-after', gzipSync(json({ type: 't', data: 'ok' })), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      expect(res.status).to.equal(201);
    });
  });
});

// How the client reports failure: every status class as a SluiceError with the server's code and details, the
// client's own codes when no Sluice answer came (unreachable, timeout, a proxy's page), and aborts as AbortError.
import { expect } from 'chai';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, SluiceError } from '../../client/index.js';
import { backoffDelay } from '../../client/subscription.js';
import { openHttpFixture, waitUntil, type HttpFixture } from '../helpers/http-fixture.js';

const FULL_KEY = 'full-key-0123456789abcdef';
const READ_KEY = 'read-key-0123456789abcdef';
/** Load shedding off: a busy test machine must not turn answers into 503 SLUICE_ERR_HTTP_OVERLOADED. */
const NO_SHEDDING = { maxEventLoopDelayMs: 0 };

async function failure(promise: Promise<unknown>): Promise<SluiceError> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err, 'the call should have failed').to.be.instanceOf(SluiceError);
  return err as SluiceError;
}

/** A plain HTTP server standing in for what is not Sluice: a proxy's error page, a server that never answers. */
async function fakeServer(handle: (res: ServerResponse) => void): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer((_req, res) => handle(res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, server, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

describe('client errors', () => {
  let fixture: HttpFixture | undefined;
  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  context('when the server answers 4xx', () => {
    it('maps 400, 404 and 413 to the server\'s code, status and details, and nothing is appended', async () => {
      fixture = await openHttpFixture({ maxBodyBytes: 2048, limits: NO_SHEDDING });
      const client = createClient({ url: await fixture.listen() });
      const badName = await failure(client.append('bad name!', { type: 'T' }));
      expect([badName.code, badName.status]).to.deep.equal(['SLUICE_ERR_STREAM_NAME_INVALID', 400]);
      const badParam = await failure(client.views.query('streams', 'events', { stream: 's', from: -1 }));
      expect([badParam.code, badParam.status]).to.deep.equal(['SLUICE_ERR_VIEW_QUERY_INVALID', 400]);
      const noRecord = await failure(client.get(12_345));
      expect([noRecord.code, noRecord.status]).to.deep.equal(['SLUICE_ERR_LOG_NO_RECORD', 404]);
      const noView = await failure(client.views.query('nope', 'get'));
      expect([noView.code, noView.status]).to.deep.equal(['SLUICE_ERR_VIEW_NOT_FOUND', 404]);
      const tooLarge = await failure(client.append('s', { type: 'T', data: 'x'.repeat(4096) }));
      expect([tooLarge.code, tooLarge.status]).to.deep.equal(['SLUICE_ERR_HTTP_BODY_TOO_LARGE', 413]);
      expect((await client.ready()).end).to.equal(0);
    });

    it('maps 401 without a key and 403 without the scope, and works with the right key', async () => {
      fixture = await openHttpFixture({ apiKeys: [FULL_KEY, `${READ_KEY}:read`], limits: NO_SHEDDING });
      const url = await fixture.listen();
      const anonymous = await failure(createClient({ url }).read());
      expect([anonymous.code, anonymous.status]).to.deep.equal(['SLUICE_ERR_AUTH_REQUIRED', 401]);
      const reader = createClient({ url, apiKey: READ_KEY });
      const forbidden = await failure(reader.append('s', { type: 'T' }));
      expect([forbidden.code, forbidden.status]).to.deep.equal(['SLUICE_ERR_AUTH_FORBIDDEN', 403]);
      const { lastOffset } = await createClient({ url, apiKey: FULL_KEY }).append('s', { type: 'T' });
      expect((await reader.get(lastOffset)).type).to.equal('T');
      // The live tail does not retry what retrying cannot fix.
      const subscribeErr = await failure((async () => { for await (const _ of createClient({ url }).subscribe()) break; })());
      expect(subscribeErr.code).to.equal('SLUICE_ERR_AUTH_REQUIRED');
    });

    it('maps 429 with the wait Retry-After asks for', async () => {
      // Rate limits apply where several clients share the server: with keys (or beyond loopback).
      fixture = await openHttpFixture({ apiKeys: [FULL_KEY], limits: { ...NO_SHEDDING, rateLimitMax: 2, rateLimitWindowMs: 60_000 } });
      const client = createClient({ url: await fixture.listen(), apiKey: FULL_KEY });
      await client.health();
      await client.ready();
      await client.ready();
      const limited = await failure(client.ready());
      expect([limited.code, limited.status]).to.deep.equal(['SLUICE_ERR_HTTP_TOO_MANY_REQUESTS', 429]);
      expect(limited.retryAfterMs).to.be.above(0);
    });
  });

  context('when the server answers 5xx', () => {
    it('maps `after` past the log end to 400 naming the log end, at once', async () => {
      fixture = await openHttpFixture({ limits: NO_SHEDDING });
      const client = createClient({ url: await fixture.listen() });
      const { lastOffset } = await client.append('s', { type: 'T' });
      const past = await failure(client.views.query('streams', 'get', { stream: 's' }, { after: lastOffset + 1_000_000, timeout: 50 }));
      expect([past.code, past.status]).to.deep.equal(['SLUICE_ERR_LOG_OFFSET_PAST_END', 400]);
      expect(past.details.end).to.equal(fixture.store.log.end);
    });

    it('reports an answer that is not Sluice\'s (a proxy\'s HTML page) as SLUICE_ERR_CLIENT_BAD_RESPONSE', async () => {
      const proxy = await fakeServer((res) => res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>Bad Gateway</h1>'));
      try {
        const err = await failure(createClient({ url: proxy.url }).health());
        expect([err.code, err.status, err.details.status]).to.deep.equal(['SLUICE_ERR_CLIENT_BAD_RESPONSE', 502, 502]);
      } finally {
        await proxy.close();
      }
    });
  });

  context('when no answer comes', () => {
    it('reports a closed port as SLUICE_ERR_CLIENT_UNREACHABLE', async () => {
      const gone = await fakeServer((res) => res.end());
      await gone.close();
      const err = await failure(createClient({ url: gone.url }).health());
      expect([err.code, err.status]).to.deep.equal(['SLUICE_ERR_CLIENT_UNREACHABLE', 503]);
      expect(err.details.reason).to.equal('ECONNREFUSED');
    });

    it('reports a server that never answers as SLUICE_ERR_CLIENT_TIMEOUT after timeoutMs', async () => {
      const silent = await fakeServer(() => undefined);
      try {
        const err = await failure(createClient({ url: silent.url, timeoutMs: 100 }).health());
        expect([err.code, err.status, err.details.timeoutMs, err.details.path]).to.deep.equal(['SLUICE_ERR_CLIENT_TIMEOUT', 504, 100, '/health']);
      } finally {
        await silent.close();
      }
    });

    it('reconnects a live tail that goes silent for idleTimeoutMs', async () => {
      let opened = 0;
      const silent = await fakeServer((res) => {
        opened += 1;
        res.writeHead(200, { 'content-type': 'application/x-ndjson' }).flushHeaders();
      });
      const controller = new AbortController();
      const errors: unknown[] = [];
      try {
        const records = createClient({ url: silent.url }).subscribe({
          signal: controller.signal, idleTimeoutMs: 100, retry: { initialDelayMs: 10 }, onReconnect: ({ error }) => { errors.push(error); },
        });
        const consumed = (async () => { for await (const _ of records) expect.fail('no record was sent'); })();
        await waitUntil(() => opened >= 2, 10_000, 'a second connection');
        controller.abort();
        await consumed;
        expect((errors[0] as SluiceError).code).to.equal('SLUICE_ERR_CLIENT_TIMEOUT');
      } finally {
        await silent.close();
      }
    });
  });

  context('when the caller aborts', () => {
    it('rejects with the signal\'s AbortError, before or during the request', async () => {
      const silent = await fakeServer(() => undefined);
      try {
        const client = createClient({ url: silent.url });
        const before = await client.health({ signal: AbortSignal.abort() }).then(() => undefined, (e: unknown) => e as Error);
        expect(before?.name).to.equal('AbortError');
        const controller = new AbortController();
        const during = client.health({ signal: controller.signal }).then(() => undefined, (e: unknown) => e as Error);
        setImmediate(() => controller.abort());
        expect((await during)?.name).to.equal('AbortError');
      } finally {
        await silent.close();
      }
    });
  });

  describe('#backoffDelay', () => {
    it('grows exponentially up to maxDelayMs, keeps half of each wait random, and never undercuts Retry-After', () => {
      const retry = { initialDelayMs: 100, maxDelayMs: 1000 };
      expect([1, 2, 3, 4, 5, 9].map((n) => backoffDelay(n, retry, undefined, () => 0))).to.deep.equal([50, 100, 200, 400, 500, 500]);
      expect([1, 2, 5].map((n) => backoffDelay(n, retry, undefined, () => 1))).to.deep.equal([100, 200, 1000]);
      const limited = new SluiceError('SLUICE_ERR_HTTP_TOO_MANY_REQUESTS', 429, 'slow down', { retryAfterMs: 3000 });
      expect(backoffDelay(1, retry, limited, () => 0)).to.equal(3000);
    });
  });
});

// 5,000 random requests against buildApp(): methods, real route shapes and random paths, query strings, headers
// (keys valid, wrong and malformed; tokens; Accept; Content-Type) and bodies. Whatever comes in, the server answers:
// never a 500 or a crash, every error in the documented shape with a code from the table, no stack trace or path in
// any answer, and the log untouched by every request that was not a 201 append.
import { expect } from 'chai';
import fc from 'fast-check';
import { STATUS_CODES } from 'node:http';
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { ERRORS } from '../../core/errors.js';
import { negotiate } from '../../server/negotiate.js';
import { LOG_MEDIA } from '../../server/routes/log.js';
import { openHttpFixture, type HttpFixture } from '../helpers/http-fixture.js';

const RUNS = Number(process.env.SLUICE_FUZZ_RUNS ?? (process.env.SLUICE_SOAK === '1' ? 50_000 : 5000));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '');
const FULL = 'fuzz-full-key-0123456789abcdef';
const READ = 'fuzz-read-key-0123456789abcdef';
const APPEND = 'fuzz-append-key-0123456789abcd';
const CODES = new Map<string, number>(Object.values(ERRORS).map((e) => [e.code, e.status]));
const BODY_FIELDS = new Set(['statusCode', 'code', 'error', 'message', 'currentRevision', 'stream', 'expectedRevision', 'view', 'query', 'position', 'progress', 'etaMs', 'param', 'limit', 'end', 'start', 'command', 'rejection', 'attempts', 'group', 'stalled', 'cause', 'errno', 'encoding']);

const text = fc.string({ maxLength: 40 });
const unicode = fc.string({ unit: 'binary', maxLength: 40 });
const encoded = unicode.map(encodeURIComponent);

describe('server: fuzzing the HTTP API @soak', function () {
  this.timeout(300_000);
  let fx: HttpFixture;
  let token = '';
  before(async () => {
    fx = await openHttpFixture({
      apiKeys: [FULL, `${READ}:read`, `${APPEND}:append`], logLevel: process.env.SLUICE_FUZZ_LOG ?? 'silent',
      maxBodyBytes: 8192,
      limits: { maxWaitMs: 20, maxBatchEvents: 5, rateLimitMax: 0, maxLiveConnections: 50 },
    });
    await fx.store.append('acct-1', [{ type: 'Opened', data: { n: 1 }, tags: ['t'] }, { type: 'Deposited', data: { amount: 5 } }]);
    await fx.store.append('img', { type: 'Raw', data: Buffer.from([0, 1, 2]) });
    token = (await fx.app.inject({ method: 'POST', url: '/auth/sse-token', headers: { authorization: `Bearer ${READ}` } })).json().token;
  });
  after(async () => fx.close());

  it(`answers ${RUNS} random requests without a 500, a leak or a change to the log`, async () => {
    const routes = fx.app.sluice.routes.map((r) => r.url);
    const offsets = [0, fx.store.log.end, 1, 7];
    const segment = fc.oneof(
      fc.constantFrom('acct-1', 'img', 's', '0', '1', String(fx.store.log.end), 'streams', 'types', 'tags', 'get', 'list', 'events', '-1', '1e400', '0x10', '..', '%2F', '%00', '%zz', '', 'x'.repeat(300)),
      encoded, text.map((t) => t.replace(/[?#]/g, '')),
    );
    const path = fc.oneof(
      { weight: 6, arbitrary: fc.tuple(fc.constantFrom(...routes), fc.array(segment, { minLength: 4, maxLength: 4 })).map(([url, values]) => {
        let i = 0;
        return url.replace(/:[a-z]+/g, () => values[i++]!);
      }) },
      { weight: 2, arbitrary: fc.array(segment, { minLength: 1, maxLength: 5 }).map((parts) => `/${parts.join('/')}`) },
      { weight: 1, arbitrary: fc.constantFrom('/', '//', '/log/../streams', '/streams/', '/LOG', '/log/', '/views/streams/', '/health/x', '/openapi.json', '/metrics', '/auth/sse-token', '/%', '/%E0%A4%A') },
    );
    const queryKey = fc.oneof(fc.constantFrom('from', 'after', 'limit', 'live', 'wait', 'timeout', 'token', 'type', 'expectedRevision', 'prefix', 'cursor', 'stream', 'tag', 'type', '__proto__', 'constructor'), text);
    const queryValue = fc.oneof(
      fc.constantFrom('0', '1', '-1', '1.5', 'true', 'false', '1e400', '', '9007199254740993', 'no_stream', 'any', String(fx.store.log.end), 'acct-1'),
      fc.constantFrom(...offsets.map(String)), fc.constant('__TOKEN__'), text, unicode,
    );
    const query = fc.array(fc.tuple(queryKey, queryValue), { maxLength: 4 });
    const authorization = fc.oneof(
      { weight: 8, arbitrary: fc.constant(`Bearer ${FULL}`) },
      { weight: 3, arbitrary: fc.constantFrom(`Bearer ${READ}`, `Bearer ${APPEND}`) },
      { weight: 3, arbitrary: fc.constantFrom('Bearer wrong-key-0123456789abcdef', `Basic ${FULL}`, 'Bearer', FULL, `bearer ${FULL}`, '', 'x'.repeat(3000), `Bearer ${FULL.slice(1)}`) },
      { weight: 2, arbitrary: fc.constant(undefined) },
    );
    const headers = fc.record({
      authorization,
      accept: fc.oneof(fc.constantFrom('application/json', 'application/x-ndjson', 'application/octet-stream', 'text/event-stream', '*/*', 'text/*', 'text/html', 'application/*;q=0.5, text/event-stream;q=0.9', ''), text),
      'content-type': fc.oneof(fc.constantFrom('application/json', 'application/octet-stream', 'text/plain', 'application/json; charset=utf-8', 'image/png', 'multipart/form-data', ''), text),
      'last-event-id': fc.oneof(fc.constantFrom('0', '-1', 'abc', String(fx.store.log.end), '1'), text),
      'x-forwarded-for': fc.constantFrom('1.2.3.4', 'garbage'),
    }, { requiredKeys: ['authorization'] });
    const event = fc.record({ type: fc.oneof(fc.constantFrom('T', ''), text), data: fc.jsonValue({ maxDepth: 3 }), meta: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), tags: fc.array(text, { maxLength: 3 }), ts: fc.oneof(fc.nat(), fc.integer()) }, { requiredKeys: [] });
    const body = fc.oneof(
      { weight: 2, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: event.map((e) => JSON.stringify(e)) },
      { weight: 2, arbitrary: fc.record({ events: fc.array(event, { maxLength: 7 }), expectedRevision: fc.oneof(fc.nat(), fc.constantFrom('no_stream', 'exists', 'any', 'x', -1)) }, { requiredKeys: [] }).map((b) => JSON.stringify(b)) },
      { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.constantFrom('{"type":"T","__proto__":{"x":1}}', '{"type":"T","constructor":{"prototype":{}}}', '{"type":', '{}', '[]', 'null', '{"events":[]}', '{"type":"T","extra":1}', `{"type":"T","data":"${'x'.repeat(9000)}"}`, `{"type":"T","meta":{"a":${'['.repeat(3000)}${']'.repeat(3000)}}}`) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)) },
      { weight: 1, arbitrary: unicode },
    );
    const anyRequest = fc.record({ method: fc.constantFrom('GET', 'GET', 'POST', 'POST', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH'), path, query, headers, body });
    // Appends that are nearly right, so the fuzz also reaches the parser and the log instead of only the gate.
    const append = fc.record({
      method: fc.constant('POST'), path: fc.oneof(fc.constantFrom('/streams/acct-1', '/streams/img', '/streams/new'), segment.map((s) => `/streams/${s}`)), query,
      headers: fc.record({ authorization: fc.constantFrom(`Bearer ${FULL}`, `Bearer ${APPEND}`, `Bearer ${READ}`), 'content-type': fc.constantFrom('application/json', 'application/json', 'application/octet-stream') }),
      body,
    });
    const request = fc.oneof({ weight: 3, arbitrary: anyRequest }, { weight: 1, arbitrary: append });

    let count = 0;
    const statuses = new Map<number, number>();
    await fc.assert(fc.asyncProperty(request, async (r) => {
      const accept = (r.headers as { accept?: string }).accept;
      // A live stream never ends by itself; JSON long-polls end within maxWaitMs, so only those keep `live`.
      const streaming = negotiate(accept, LOG_MEDIA) !== 'application/json';
      const pairs = r.query.filter(([key]) => !(streaming && key === 'live')).map(([k, v]) => `${encodeURIComponent(k)}=${v === '__TOKEN__' ? token : encodeURIComponent(v)}`);
      const url = pairs.length === 0 ? r.path : `${r.path}?${pairs.join('&')}`;
      fc.pre(injectable(url));
      const sent = Object.fromEntries(Object.entries(r.headers).filter(([, v]) => v !== undefined)) as Record<string, string>;
      const options: InjectOptions = { method: r.method as InjectOptions['method'], url, headers: sent };
      if (r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD') options.payload = r.body;
      const endBefore = fx.store.log.end;
      const res = await injectWithin(options, 10_000);
      count++;
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      const what = `${r.method} ${url} ${JSON.stringify(r.headers)} -> ${res.statusCode} ${res.body.slice(0, 300)}`;
      expect(res.statusCode, what).to.not.equal(500);
      if (res.statusCode >= 500) expect(res.statusCode, what).to.equal(503);
      expect(res.body, what).to.not.match(/\n\s+at .+:\d+:\d+/);
      for (const internal of [ROOT, fx.dir, 'node_modules']) expect(res.body, what).to.not.contain(internal);
      if (res.statusCode >= 400 && r.method !== 'HEAD') checkErrorBody(res, what);
      if (res.statusCode !== 201) expect(fx.store.log.end, `the log changed: ${what}`).to.equal(endBefore);
    }), { numRuns: RUNS });
    expect(count).to.be.at.least(RUNS);
    if (process.env.SLUICE_FUZZ_VERBOSE === '1') console.log(JSON.stringify([...statuses].sort()));
    // The fuzz reached past the gate: successes, appends and each kind of refusal.
    for (const status of [200, 201, 400, 401, 403, 404]) expect(statuses.get(status) ?? 0, `answers with ${status}: ${JSON.stringify([...statuses])}`).to.be.greaterThan(0);
    expect((await fx.app.inject({ url: '/health' })).statusCode).to.equal(200);
    expect(fx.app.sluice.live.size).to.equal(0);
    expect(fx.app.sluice.liveSlots.size).to.equal(0);
  });

  it('answers raw request lines over a real socket the same way (targets a URL parser would refuse, broken HTTP)', async () => {
    const url = await fx.listen();
    const port = Number(new URL(url).port);
    const target = fc.oneof(
      fc.constantFrom('/%', '//log', '/\\log', '/log?from=%', '/log/%ff', '/streams/%00x', '*', 'http://evil/log', '/..%2f..%2fetc/passwd', '/log#x', `/streams/${'a'.repeat(5000)}`, '/views/streams/get?stream=%ZZ'),
      fc.string({ unit: fc.constantFrom(...'/%?&=#:.@-_abcXYZ019 \\\t'.split('')), minLength: 1, maxLength: 60 }).map((t) => `/${t}`),
    );
    const line = fc.oneof(
      { weight: 4, arbitrary: fc.tuple(fc.constantFrom('GET', 'POST', 'HEAD', 'DELETE', 'BREW', 'get'), target, fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2.0', 'HTTP/9')).map(([m, t, v]) => `${m} ${t} ${v}`) },
      { weight: 1, arbitrary: fc.string({ maxLength: 80 }).map((junk) => junk.replace(/[\r\n]/g, '')) },
    );
    const auth = fc.constantFrom(`Authorization: Bearer ${FULL}\r\n`, '', 'Authorization: Bearer nope\r\n', `Authorization:Bearer ${FULL}\r\n`);
    const extra = fc.constantFrom('', 'Content-Length: abc\r\n', 'Content-Length: 5\r\nContent-Type: application/json\r\n', 'Transfer-Encoding: chunked\r\nContent-Type: application/json\r\n', 'Content-Length: 1\r\nContent-Length: 2\r\n', 'X-Bad Header: 1\r\n');
    const body = fc.constantFrom('', '{"type":"T"}', '0\r\n\r\n', '5\r\n{"typ\r\n0\r\n\r\n', 'zz\r\n');
    await fc.assert(fc.asyncProperty(line, auth, extra, body, async (requestLine, authHeader, extraHeaders, payload) => {
      const endBefore = fx.store.log.end;
      const raw = `${requestLine}\r\nHost: localhost\r\n${authHeader}${extraHeaders}Connection: close\r\n\r\n${payload}`;
      const answer = await rawExchange(port, raw);
      const what = `${JSON.stringify(raw.slice(0, 200))} -> ${answer.slice(0, 300)}`;
      if (answer === '') return; // the server may just close a connection it cannot make sense of
      const status = Number(/^HTTP\/1\.[01] (\d{3}) /.exec(answer)?.[1]);
      expect(status, what).to.be.within(200, 599);
      expect(status, what).to.not.equal(500);
      expect(answer, what).to.not.match(/\n\s+at .+:\d+:\d+/);
      for (const internal of [ROOT, fx.dir, 'node_modules']) expect(answer, what).to.not.contain(internal);
      // Only the first answer: bytes after a request without a length are the next (pipelined) request.
      const split = answer.indexOf('\r\n\r\n');
      const head = answer.slice(0, split);
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? -1);
      if (status >= 400 && !/^HEAD /.test(requestLine) && length >= 0) {
        const errorBody = JSON.parse(answer.slice(split + 4, split + 4 + length)) as Record<string, unknown>;
        expect(errorBody, what).to.include.all.keys('statusCode', 'code', 'error', 'message');
        expect(CODES.get(String(errorBody.code)), what).to.equal(status);
      }
      if (status !== 201) expect(fx.store.log.end, what).to.equal(endBefore);
    }), { numRuns: Math.ceil(RUNS / 20) });
    expect((await fetch(`${url}/health`)).status).to.equal(200);
  });

  async function injectWithin(options: InjectOptions, ms: number): Promise<LightMyRequestResponse> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms: ${options.method} ${options.url}`)), ms); });
    try {
      return await Promise.race([fx.app.inject(options), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
});

/** Writes `raw` on a fresh connection and resolves with everything the server sent before closing it. */
function rawExchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const socket = connect(port, '127.0.0.1', () => socket.end(raw));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('latin1')));
  });
}

/** light-my-request parses the URL with WHATWG URL before the server sees it; what it refuses never reaches us. */
function injectable(url: string): boolean {
  try {
    new URL(url.startsWith('//') ? `http://localhost${url}` : url, 'http://localhost');
    return true;
  } catch {
    return false;
  }
}

function checkErrorBody(res: LightMyRequestResponse, what: string): void {
  expect(res.headers['content-type'], what).to.match(/^application\/json/);
  const body = JSON.parse(res.body) as Record<string, unknown>;
  for (const key of ['statusCode', 'code', 'error', 'message']) expect(body, what).to.have.property(key);
  for (const key of Object.keys(body)) expect(BODY_FIELDS.has(key), `${what}: unexpected field ${key}`).to.equal(true);
  expect(body.statusCode, what).to.equal(res.statusCode);
  expect(CODES.get(String(body.code)), `${what}: code not in the table`).to.equal(res.statusCode);
  expect(body.error, what).to.equal(STATUS_CODES[res.statusCode]);
  expect(body.message, what).to.be.a('string');
  if (res.statusCode === 503 || res.statusCode === 429) expect(res.headers['retry-after'], what).to.match(/^\d+$/);
}

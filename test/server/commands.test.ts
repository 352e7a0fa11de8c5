// POST /commands/<name>: one route per declared command, validated by its schema, answering the stream's new
// revision and offsets; 422 for a rejection, 409 once retries are exhausted, 400/404 for bad requests; in OpenAPI.
import { expect } from 'chai';
import { CommandRejectedError } from '../../core/errors.js';
import { defineCommands, type StateDefinition } from '../../core/commands/command-definition.js';
import type { Store } from '../../core/store-api.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { keyedStateView } from '../../views/keyed-state-view.js';
import { openHttpFixture, type HttpFixture } from '../helpers/http-fixture.js';

interface Counter { readonly value: number }

const counter: StateDefinition<Counter> = {
  initial: { value: 0 },
  evolve: (state, record) => (record.type === 'Incremented' ? { value: state.value + (record.data as { by: number }).by } : state),
};

/** A plugin whose `jam` command always loses its race: another writer appends to the stream during each decision. */
function counterPlugin(storeRef: { store?: Store }) {
  return definePlugin({
    name: 'counters',
    views: [keyedStateView({ name: 'counters', version: 1, key: 'stream', ...counter })],
    commands: defineCommands(counter, {
      increment: {
        description: 'Adds to a counter, never past 10',
        params: { type: 'object', additionalProperties: false, required: ['id', 'by'], properties: { id: { type: 'string', minLength: 1 }, by: { type: 'integer', minimum: 1 } } },
        stream: (p: { id: string }) => `counter-${p.id}`,
        decide: (state, p: { by: number }) => {
          if (state.value + p.by > 10) throw new CommandRejectedError('limit-exceeded', `the counter is at ${state.value}; adding ${p.by} passes 10`);
          return { type: 'Incremented', data: { by: p.by } };
        },
      },
      noop: { params: { type: 'object', properties: { id: { type: 'string', default: 'x' } } }, stream: (p: { id: string }) => `counter-${p.id}`, decide: () => [] },
      jam: {
        maxAttempts: 4,
        params: { type: 'object', properties: {} },
        stream: () => 'counter-jam',
        decide: async () => {
          await storeRef.store!.append('counter-jam', { type: 'Incremented', data: { by: 1 } });
          return { type: 'Incremented', data: { by: 100 } };
        },
      },
    }),
  });
}

describe('server: commands', () => {
  let fx: HttpFixture;
  const ref: { store?: Store } = {};
  beforeEach(async () => {
    // No load shedding: on a busy machine a slow start would answer the first requests 503 (not what is tested here).
    fx = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } }, { plugins: [counterPlugin(ref)] });
    ref.store = fx.store;
  });
  afterEach(() => fx.close());

  const post = (name: string, body: unknown, headers: Record<string, string> = {}) =>
    fx.app.inject({ method: 'POST', url: `/commands/${name}`, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

  context('when a command is valid and its rules hold', () => {
    it('answers 201 with the stream, its new revision, offsets and types', async () => {
      const first = await post('increment', { id: 'a', by: 3 });
      expect(first.statusCode, first.body).to.equal(201);
      expect(first.json()).to.deep.include({ command: 'increment', stream: 'counter-a', revision: 0, revisions: [0], types: ['Incremented'], attempts: 1 });
      const second = await post('increment', { id: 'a', by: 4 });
      expect(second.json()).to.include({ revision: 1 });
      const state = await fx.app.inject(`/views/counters/get?key=counter-a&after=${second.json().lastOffset}`);
      expect(state.json().state).to.deep.equal({ value: 7 });
    });

    it('answers 200 with no offsets when the decision appends nothing', async () => {
      const res = await post('noop', {});
      expect(res.statusCode).to.equal(200);
      expect(res.json()).to.deep.include({ stream: 'counter-x', revision: null, offsets: [], lastOffset: null });
      expect(fx.store.log.end).to.equal(fx.store.log.start);
    });
  });

  context('when a business rule refuses the command', () => {
    it('answers 422 SLUICE_ERR_COMMAND_REJECTED with the rejection and writes nothing', async () => {
      await post('increment', { id: 'a', by: 9 });
      const end = fx.store.log.end;
      const res = await post('increment', { id: 'a', by: 2 });
      expect(res.statusCode).to.equal(422);
      expect(res.json()).to.include({ code: 'SLUICE_ERR_COMMAND_REJECTED', rejection: 'limit-exceeded', command: 'increment' });
      expect(res.json().message).to.include('passes 10');
      expect(fx.store.log.end).to.equal(end);
    });
  });

  context('when the parameters break the schema', () => {
    it('answers 400 SLUICE_ERR_COMMAND_PARAMS_INVALID naming the parameter, never coercing, and writes nothing', async () => {
      for (const body of [{ id: 'a' }, { id: 'a', by: '3' }, { id: 'a', by: 0 }, { id: 'a', by: 1, extra: true }, [], null]) {
        const res = await post('increment', body);
        expect(res.statusCode, JSON.stringify(body)).to.equal(400);
        expect(res.json().code).to.equal('SLUICE_ERR_COMMAND_PARAMS_INVALID');
      }
      expect((await post('increment', { id: 'a' })).json().message).to.include('by');
      expect(fx.store.log.end).to.equal(fx.store.log.start);
    });
  });

  context('when the stream keeps changing through every retry', () => {
    it('answers 409 SLUICE_ERR_COMMAND_CONFLICT after the command\'s maxAttempts, with the attempts and revisions', async () => {
      const res = await post('jam', {});
      expect(res.statusCode).to.equal(409);
      expect(res.json()).to.include({ code: 'SLUICE_ERR_COMMAND_CONFLICT', attempts: 4, stream: 'counter-jam', currentRevision: 3, command: 'jam' });
      const written: unknown[] = [];
      for await (const record of fx.store.log.readForward(fx.store.log.start)) written.push(record.data);
      expect(written, 'only the other writer\'s events').to.deep.equal([{ by: 1 }, { by: 1 }, { by: 1 }, { by: 1 }]);
    });
  });

  context('when the client names the revision it decided on (?expectedRevision=)', () => {
    it('runs on that revision, answers 409 SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION on any other, and 400 on a bad value', async () => {
      const send = (query: string) => fx.app.inject({ method: 'POST', url: `/commands/increment?${query}`, payload: { id: 'a', by: 1 } });
      expect((await send('expectedRevision=no_stream')).statusCode).to.equal(201);
      expect((await send('expectedRevision=0')).json()).to.include({ revision: 1 });
      const stale = await send('expectedRevision=0');
      expect(stale.statusCode).to.equal(409);
      expect(stale.json()).to.include({ code: 'SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION', currentRevision: 1 });
      const bad = await send('expectedRevision=soon');
      expect(bad.statusCode).to.equal(400);
      expect(bad.json().code).to.equal('SLUICE_ERR_EVENT_INVALID');
    });
  });

  context('when the command is not declared', () => {
    it('answers 404 SLUICE_ERR_COMMAND_NOT_FOUND', async () => {
      const res = await post('nope', {});
      expect(res.statusCode).to.equal(404);
      expect(res.json()).to.include({ code: 'SLUICE_ERR_COMMAND_NOT_FOUND', command: 'nope' });
    });
  });

  it('lists the commands at GET /commands and documents each route with its schema in /openapi.json', async () => {
    const list = (await fx.app.inject('/commands')).json() as { commands: Array<{ name: string; plugin: string; path: string }> };
    expect(list.commands.map((c) => [c.name, c.plugin, c.path])).to.deep.equal([
      ['increment', 'counters', '/commands/increment'], ['noop', 'counters', '/commands/noop'], ['jam', 'counters', '/commands/jam'],
    ]);
    const doc = (await fx.app.inject('/openapi.json')).json();
    const op = doc.paths['/commands/increment'].post;
    expect(op.summary).to.equal('Adds to a counter, never past 10');
    expect(op.requestBody.content['application/json'].schema.required).to.deep.equal(['id', 'by']);
    expect(op.responses).to.have.keys(['200', '201']);
    expect(doc.paths).to.not.have.property('/commands/{name}');
  });

  context('when the server requires API keys', () => {
    it('runs commands for keys with the append scope only', async () => {
      const secured = await openHttpFixture({ apiKeys: ['reader-key-0123456789abcdef:read', 'writer-key-0123456789abcdef:append'], limits: { maxEventLoopDelayMs: 0 } }, { plugins: [counterPlugin({})] });
      try {
        const send = (key: string) => secured.app.inject({
          method: 'POST', url: '/commands/increment', payload: { id: 'a', by: 1 }, headers: { authorization: `Bearer ${key}` },
        });
        expect((await send('reader-key-0123456789abcdef')).json().code).to.equal('SLUICE_ERR_AUTH_FORBIDDEN');
        expect((await send('writer-key-0123456789abcdef')).statusCode).to.equal(201);
      } finally {
        await secured.close();
      }
    });
  });
});

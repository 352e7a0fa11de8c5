// POST /append: writes to several streams in one atomic append (all or nothing); 201 with each write's offsets.
// A conflict is one 409 SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION naming the stream, and nothing is written.
import type { FastifyInstance } from 'fastify';
import { SluiceError } from '../../core/errors.js';
import { parseMultiAppend } from '../append-request.js';
import type { RouteContext } from '../route-context.js';

/** Set on an append's answer when every event repeated a stored id: nothing was written, the offsets are the originals'. */
export const DUPLICATE_HEADER = 'sluice-duplicate';

export async function multiAppendRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { store, config, metrics } = ctx;
  const expectedRevision = { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', enum: ['no_stream', 'exists', 'any'] }] };
  app.post('/append', {
    schema: {
      summary: 'Append to several streams atomically', tags: ['streams'],
      description: 'All writes or none. Events may carry "id" (a UUID): an append repeating stored ids is acknowledged with the original offsets.',
      body: {
        type: 'object', required: ['writes'], additionalProperties: false,
        properties: {
          writes: {
            type: 'array', minItems: 1,
            items: {
              type: 'object', required: ['stream', 'events'], additionalProperties: false,
              properties: { stream: { type: 'string' }, expectedRevision, events: { type: 'array', minItems: 1, maxItems: config.limits.maxBatchEvents, items: { type: 'object' } } },
            },
          },
        },
      },
      response: {
        201: {
          type: 'object', required: ['writes', 'lastOffset'],
          properties: {
            writes: {
              type: 'array',
              items: { type: 'object', properties: { stream: { type: 'string' }, offsets: { type: 'array', items: { type: 'integer' } }, revisions: { type: 'array', items: { type: 'integer' } } } },
            },
            lastOffset: { type: 'integer' },
          },
        },
      },
    },
    // parseMultiAppend enforces the contract strictly (no coercion), with the codes of POST /streams/:stream.
    validatorCompiler: () => () => true,
    config: { scope: 'append' },
  }, async (request, reply) => {
    if (request.body === undefined || request.body === null) throw new SluiceError('EVENT_INVALID', { reason: 'the request has no body' });
    const writes = parseMultiAppend(request.body, config.limits);
    const result = await store.appendBatch(writes);
    const events = writes.reduce((n, w) => n + w.events.length, 0);
    if (result.duplicate === true) reply.header(DUPLICATE_HEADER, 'true');
    else metrics.appended(events, Number(request.headers['content-length'] ?? 0));
    let at = 0;
    const answer = writes.map((write) => {
      const slice = { stream: write.stream, offsets: result.offsets.slice(at, at + write.events.length), revisions: result.revisions.slice(at, at + write.events.length) };
      at += write.events.length;
      return slice;
    });
    return reply.code(201).send({ writes: answer, lastOffset: result.lastOffset });
  });
}

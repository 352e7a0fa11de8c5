// Forgetting data over HTTP: DELETE /streams/:stream (soft delete: a tombstone; `?erase=true`: erasure in place) and
// POST /log/erase (erase records by offset). Erasure needs the admin scope; a soft delete needs append.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SluiceError } from '../../core/errors.js';
import type { ExpectedRevision } from '../../core/log/event-log.js';
import { checkStreamName, STREAM_NAME } from '../append-request.js';
import type { RouteContext } from '../route-context.js';

const MAX_ERASE_OFFSETS = 100_000;

const erasureReport = {
  type: 'object',
  properties: {
    stream: { type: 'string' },
    erased: { type: 'integer', description: 'records overwritten by this request' },
    alreadyErased: { type: 'integer', description: 'records named that were already erased' },
    bytes: { type: 'integer', description: 'bytes of log rewritten' },
    offsets: { type: 'array', items: { type: 'integer' } },
  },
};

/** `?erase=true` on a route whose own scope is `append`: the key must also hold admin (when keys are on). */
function requireAdmin(request: FastifyRequest): void {
  const { principal } = request;
  if (principal !== null && !principal.scopes.includes('admin')) throw new SluiceError('AUTH_FORBIDDEN', { scope: 'admin' });
}

function parseExpected(value: string | undefined): ExpectedRevision | undefined {
  if (value === undefined) return undefined;
  if (value === 'any' || value === 'exists' || value === 'no_stream') return value;
  if (/^\d{1,10}$/.test(value)) return Number(value);
  throw new SluiceError('EVENT_INVALID', { reason: `expectedRevision must be a non-negative integer, "exists" or "any", got ${JSON.stringify(value)}` });
}

export async function forgetRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { store, keys } = ctx;

  app.delete<{ Params: { stream: string }; Querystring: { erase?: boolean; expectedRevision?: string } }>('/streams/:stream', {
    schema: {
      summary: 'Delete a stream: a tombstone (soft delete), or with erase=true its records erased in place (admin)',
      tags: ['streams'],
      params: { type: 'object', required: ['stream'], properties: { stream: { type: 'string', pattern: STREAM_NAME.source } } },
      querystring: {
        type: 'object', additionalProperties: false,
        properties: {
          erase: { type: 'boolean', description: 'erase every record of the stream in place (needs the admin scope)' },
          expectedRevision: { type: 'string', description: 'soft delete only: the revision the stream must be at' },
        },
      },
    },
    config: { scope: 'append' },
    preValidation: async (request) => checkStreamName(request.params.stream, ctx.config.limits.maxStreamNameLength),
  }, async (request, reply) => {
    const { stream } = request.params;
    if (request.query.erase === true) {
      if (keys.size > 0) requireAdmin(request);
      if (request.query.expectedRevision !== undefined) throw new SluiceError('HTTP_BAD_REQUEST', { reason: 'expectedRevision applies to a soft delete, not to erase=true' });
      return reply.code(200).send(await store.eraseStream(stream));
    }
    const expectedRevision = parseExpected(request.query.expectedRevision);
    const result = await store.deleteStream(stream, expectedRevision === undefined ? {} : { expectedRevision });
    return reply.code(200).send({ stream, deleted: true, revision: result.revisions[0], offset: result.lastOffset });
  });

  app.post<{ Body: { offsets: number[] } }>('/log/erase', {
    schema: {
      summary: 'Erase records in place by offset (admin)', tags: ['log'],
      body: {
        type: 'object', required: ['offsets'], additionalProperties: false,
        properties: { offsets: { type: 'array', minItems: 1, maxItems: MAX_ERASE_OFFSETS, items: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER } } },
      },
      response: { 200: erasureReport },
    },
    config: { scope: 'admin', validationErrors: { body: 'LOG_ERASE_INVALID' } },
  }, async (request) => store.erase(request.body.offsets));
}

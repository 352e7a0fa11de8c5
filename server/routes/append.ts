// POST /streams/:stream: JSON events (one or a batch, atomically) or one raw-bytes event; 201 with offsets.
// Its own encapsulation context, so only this route accepts arbitrary content types as raw payloads.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SluiceError } from '../../core/errors.js';
import { checkStreamName, parseJsonAppend, parseRawAppend, STREAM_NAME } from '../append-request.js';
import type { RouteContext } from '../route-context.js';

const eventSchema = {
  type: 'object', required: ['type'], additionalProperties: false,
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 200 },
    data: { description: 'any JSON value' },
    meta: { type: 'object', additionalProperties: true },
    tags: { type: 'array', items: { type: 'string', minLength: 1 } },
    ts: { type: 'integer', minimum: 0, description: 'ms since the epoch; the server stamps it when absent' },
  },
};
const expectedRevisionSchema = { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', enum: ['no_stream', 'exists', 'any'] }] };

const schema = {
  summary: 'Append events to a stream',
  description: 'JSON: one event or {"events":[...],"expectedRevision"?} appended atomically. Any other content type: the body is one event payload stored byte-exact, with ?type= (and ?expectedRevision=).',
  tags: ['streams'],
  params: { type: 'object', required: ['stream'], properties: { stream: { type: 'string', pattern: STREAM_NAME.source } } },
  querystring: { type: 'object', properties: { type: { type: 'string' }, expectedRevision: { type: 'string' } } },
  body: {
    content: {
      'application/json': {
        schema: {
          oneOf: [eventSchema, { type: 'object', required: ['events'], additionalProperties: false, properties: { events: { type: 'array', minItems: 1, items: eventSchema }, expectedRevision: expectedRevisionSchema } }],
        },
      },
      'application/octet-stream': { schema: { type: 'string', format: 'binary', description: 'any content type other than JSON: one raw event payload' } },
    },
  },
  response: {
    201: {
      type: 'object', required: ['stream', 'offsets', 'revisions', 'lastOffset'],
      properties: { stream: { type: 'string' }, offsets: { type: 'array', items: { type: 'integer' } }, revisions: { type: 'array', items: { type: 'integer' } }, lastOffset: { type: 'integer' } },
    },
  },
};

const bodyBytes = new WeakMap<FastifyRequest, number>();

export async function appendRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { store, config, metrics } = ctx;
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  // parseAs 'buffer' makes Fastify enforce bodyLimit while reading, chunked bodies included.
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    bodyBytes.set(request, (body as Buffer).length);
    parseJson(request, body as unknown as string, done); // the default parser takes a Buffer too
  });
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
    if (request.headers['content-type'] === undefined) {
      done(new SluiceError('HTTP_UNSUPPORTED_MEDIA_TYPE', { contentType: '(none): send Content-Type: application/json or the payload\'s media type' }), undefined);
      return;
    }
    bodyBytes.set(request, (body as Buffer).length);
    done(null, body);
  });

  app.post<{ Params: { stream: string }; Querystring: Record<string, unknown> }>('/streams/:stream', {
    schema,
    // The schemas above document the contract; parseJsonAppend/parseRawAppend enforce it strictly (no coercion).
    validatorCompiler: () => () => true,
    config: { scope: 'append' },
    preValidation: async (request) => checkStreamName(request.params.stream),
  }, async (request, reply) => {
    const { stream } = request.params;
    const raw = Buffer.isBuffer(request.body);
    if (request.body === undefined) throw new SluiceError('EVENT_INVALID', { reason: 'the request has no body' });
    const append = raw ? parseRawAppend(request.body as Buffer, request.query) : parseJsonAppend(request.body, request.query, config.limits.maxBatchEvents);
    const result = await store.append(stream, append.events, append.expectedRevision === undefined ? undefined : { expectedRevision: append.expectedRevision });
    metrics.appended(append.events.length, bodyBytes.get(request) ?? 0);
    return reply.code(201).send({ stream, offsets: result.offsets, revisions: result.revisions, lastOffset: result.lastOffset });
  });
}

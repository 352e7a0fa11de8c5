// GET /streams (the `streams` view's `list`) and GET /streams/:stream (one stream in revision order).
import type { FastifyInstance } from 'fastify';
import { isSluiceError, SluiceError } from '../../core/errors.js';
import { checkStreamName, STREAM_NAME } from '../append-request.js';
import { recordReplacer } from '../../core/wire/record-json.js';
import type { RouteContext } from '../route-context.js';
import { DEFAULT_AFTER_TIMEOUT_MS, positionHeader, runViewQuery } from '../view-query.js';
import { VIEW_POSITION_HEADER } from './views.js';

interface Freshness {
  after?: number;
  timeout?: number;
}

export async function streamRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { store } = ctx;
  const { maxWaitMs, maxPageSize } = ctx.config.limits;
  const freshness = {
    after: { type: 'integer', minimum: 0, description: 'wait until the streams view has applied the record at this offset' },
    timeout: { type: 'integer', minimum: 0, description: `ms to wait for \`after\` (default ${DEFAULT_AFTER_TIMEOUT_MS})` },
  };
  const timeoutOf = (q: Freshness): number => Math.min(q.timeout ?? DEFAULT_AFTER_TIMEOUT_MS, maxWaitMs);

  app.get<{ Querystring: Freshness & { prefix?: string; cursor?: string; limit?: number } }>('/streams', {
    schema: {
      summary: 'List streams (the streams view\'s list query)', tags: ['streams'],
      querystring: { type: 'object', properties: { prefix: { type: 'string' }, cursor: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: maxPageSize }, ...freshness } },
    },
    config: { scope: 'read', validationErrors: { after: 'LOG_OFFSET_INVALID' } },
  }, async (request, reply) => {
    const { after, timeout, ...params } = request.query;
    const answer = await runViewQuery(store, 'streams', 'list', params, { after, timeoutMs: timeoutOf({ timeout }) });
    reply.header(VIEW_POSITION_HEADER, positionHeader(answer.position)).type('application/json; charset=utf-8');
    return JSON.stringify(answer.result, recordReplacer);
  });

  app.get<{ Params: { stream: string }; Querystring: Freshness & { from?: number; direction?: string; limit?: number } }>('/streams/:stream', {
    schema: {
      summary: 'Read one stream in revision order (forward, or newest first with direction=backward)', tags: ['streams'],
      params: { type: 'object', required: ['stream'], properties: { stream: { type: 'string', pattern: STREAM_NAME.source } } },
      querystring: {
        type: 'object',
        properties: {
          from: { type: 'integer', minimum: 0, description: 'first revision returned (default 0 forward, the last revision backward)' },
          direction: { type: 'string', enum: ['forward', 'backward'], description: 'backward: newest first (default forward)' },
          limit: { type: 'integer', minimum: 1, maximum: maxPageSize }, ...freshness,
        },
      },
    },
    config: { scope: 'read', validationErrors: { after: 'LOG_OFFSET_INVALID' } },
    preValidation: async (request) => checkStreamName(request.params.stream, ctx.config.limits.maxStreamNameLength),
  }, async (request, reply) => {
    const { stream } = request.params;
    const { after, timeout, ...params } = request.query;
    if (store.log.streamRevision(stream) === undefined) throw new SluiceError('STREAM_NOT_FOUND', { stream });
    let answer;
    try {
      answer = await runViewQuery(store, 'streams', 'events', { stream, ...params }, { after, timeoutMs: timeoutOf({ timeout }) });
    } catch (err) {
      // The log knows the stream but the view has not applied it yet (ask with `after` to wait for it).
      if (isSluiceError(err, 'VIEW_KEY_NOT_FOUND')) throw new SluiceError('STREAM_NOT_FOUND', { stream });
      throw err;
    }
    reply.header(VIEW_POSITION_HEADER, positionHeader(answer.position)).type('application/json; charset=utf-8');
    const { events, next } = answer.result as { events: unknown[]; next: number | null };
    return JSON.stringify({ stream, events, next }, recordReplacer);
  });
}

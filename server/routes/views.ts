// GET /views, GET /views/:view, POST /views/:view/rebuild, POST /views/:view/skip-damaged, POST /views/:view/verify, and one GET /views/<view>/<query> route per declared
// query, validated by (and documented with) the query's own JSON schema plus `after`/`timeout` for read-your-writes.
import type { FastifyInstance } from 'fastify';
import { SluiceError } from '../../core/errors.js';
import type { JsonSchema, ViewDescriptor, ViewStatus } from '../../core/store-api.js';
import { recordReplacer } from '../../core/wire/record-json.js';
import type { RouteContext } from '../route-context.js';
import { DEFAULT_AFTER_TIMEOUT_MS, positionHeader, runViewQuery } from '../view-query.js';

export const VIEW_POSITION_HEADER = 'sluice-view-position';

function viewJson(descriptor: ViewDescriptor, status: ViewStatus): Record<string, unknown> {
  return {
    ...status,
    description: descriptor.description,
    queries: descriptor.queries.map((q) => ({ name: q.name, description: q.description, params: q.params, path: `/views/${descriptor.name}/${q.name}` })),
  };
}

/** The query's parameter schema plus the read-your-writes parameters every query route takes. */
function queryStringSchema(params: JsonSchema, maxWaitMs: number): JsonSchema {
  const base = params !== null && typeof params === 'object' ? params : {};
  const { $schema: _ignored, ...rest } = base as Record<string, unknown>;
  return {
    ...rest,
    type: 'object',
    properties: {
      ...((rest.properties as Record<string, unknown> | undefined) ?? {}),
      after: { type: 'integer', minimum: 0, description: 'wait until the view has applied the record at this offset (read-your-writes)' },
      timeout: { type: 'integer', minimum: 0, description: `ms to wait for \`after\` (default ${DEFAULT_AFTER_TIMEOUT_MS}, capped at ${maxWaitMs})` },
    },
  };
}

export async function viewRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { views } = ctx.store;
  const { maxWaitMs } = ctx.config.limits;
  const descriptors = views.list();
  const find = (name: string): ViewDescriptor => {
    const found = descriptors.find((d) => d.name === name);
    if (found === undefined) throw new SluiceError('VIEW_NOT_FOUND', { view: name });
    return found;
  };
  const viewParams = { type: 'object', required: ['view'], properties: { view: { type: 'string' } } };

  app.get('/views', {
    schema: { summary: 'List views with their status and queries', tags: ['views'] },
    config: { scope: 'read' },
  }, async () => {
    const statuses = new Map(views.status().map((s) => [s.name, s]));
    return { views: descriptors.map((d) => viewJson(d, statuses.get(d.name) ?? views.statusOf(d.name))) };
  });

  app.get<{ Params: { view: string } }>('/views/:view', {
    schema: { summary: 'One view\'s status', tags: ['views'], params: viewParams },
    config: { scope: 'read' },
  }, async (request) => {
    const descriptor = find(request.params.view);
    return viewJson(descriptor, views.statusOf(descriptor.name));
  });

  app.post<{ Params: { view: string } }>('/views/:view/rebuild', {
    schema: { summary: 'Rebuild a view from the start of the log (202; progress in its status)', tags: ['views'], params: viewParams },
    config: { scope: 'admin' },
  }, async (request, reply) => {
    const descriptor = find(request.params.view);
    await views.rebuild(descriptor.name);
    return reply.code(202).send(viewJson(descriptor, views.statusOf(descriptor.name)));
  });

  app.post<{ Params: { view: string } }>('/views/:view/skip-damaged', {
    schema: { summary: 'Let a view pass over damaged log records, each range listed in its status as `skipped`', tags: ['views'], params: viewParams },
    config: { scope: 'admin' },
  }, async (request) => {
    const descriptor = find(request.params.view);
    return viewJson(descriptor, await views.skipDamaged(descriptor.name));
  });

  app.post<{ Params: { view: string }; Querystring: { determinism?: boolean } }>('/views/:view/verify', {
    schema: {
      summary: 'Rebuild a view into scratch storage up to its live position and compare every row (or, with determinism=true, apply the log twice)',
      tags: ['views'], params: viewParams,
      querystring: { type: 'object', additionalProperties: false, properties: { determinism: { type: 'boolean', description: 'run the determinism check instead' } } },
    },
    config: { scope: 'admin' },
  }, async (request, reply) => {
    const descriptor = find(request.params.view);
    // A client that goes away stops the verification after the batch in flight.
    const abort = new AbortController();
    reply.raw.once('close', () => { if (!reply.raw.writableFinished) abort.abort(); });
    const run = { signal: abort.signal };
    return request.query.determinism === true ? views.checkDeterminism(descriptor.name, run) : views.verify(descriptor.name, run);
  });

  for (const descriptor of descriptors) {
    for (const query of descriptor.queries) {
      app.get<{ Querystring: Record<string, unknown> & { after?: number; timeout?: number } }>(`/views/${descriptor.name}/${query.name}`, {
        schema: {
          summary: query.description ?? `${descriptor.name}: ${query.name}`, tags: ['views'],
          querystring: queryStringSchema(query.params, maxWaitMs),
        },
        config: {
          scope: 'read', view: descriptor.name, query: query.name,
          validationErrors: { querystring: 'VIEW_QUERY_INVALID', after: 'LOG_OFFSET_INVALID' },
        },
      }, async (request, reply) => {
        const { after, timeout, ...params } = request.query;
        const answer = await runViewQuery(ctx.store, descriptor.name, query.name, params, { after, timeoutMs: Math.min(timeout ?? DEFAULT_AFTER_TIMEOUT_MS, maxWaitMs) });
        reply.header(VIEW_POSITION_HEADER, positionHeader(answer.position)).type('application/json; charset=utf-8');
        return JSON.stringify(answer.result ?? null, recordReplacer);
      });
    }
  }

  // Undeclared queries (and unknown views) get a precise 404 instead of the generic one.
  app.get<{ Params: { view: string; query: string } }>('/views/:view/:query', {
    schema: { hide: true },
    config: { scope: 'read' },
  }, async (request) => {
    const descriptor = find(request.params.view);
    throw new SluiceError('VIEW_QUERY_NOT_FOUND', { view: descriptor.name, query: request.params.query });
  });
}

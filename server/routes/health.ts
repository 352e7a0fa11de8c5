// GET /health (the process is up), GET /ready (the log is open, recovered and writing, and the server is not shutting
// down: a full disk answers 503 naming the cause until the log writes again), GET /metrics (Prometheus text).
import type { FastifyInstance } from 'fastify';
import { SluiceError } from '../../core/errors.js';
import type { RouteContext } from '../route-context.js';

export async function healthRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  app.get('/health', {
    schema: { summary: 'Liveness: the process is up (no key needed)', tags: ['operations'], security: [], response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } },
    config: { scope: 'public' },
  }, async () => ({ status: 'ok' }));

  app.get('/ready', {
    schema: {
      summary: 'Readiness: the log is open, recovered and writing (503 while starting or shutting down, while a full disk or an I/O failure stops appends; in cluster mode also while the node cannot append or is catching up)', tags: ['operations'],
      response: { 200: { type: 'object', properties: { status: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' } } } },
    },
    config: { scope: 'read' },
  }, async () => {
    if (ctx.live.closing) throw new SluiceError('HTTP_SHUTTING_DOWN');
    const reason = ctx.store.cluster?.notReadyReason();
    if (reason !== undefined) throw new SluiceError('CLUSTER_NOT_READY', { reason });
    const failure = ctx.store.log.writeFailure?.();
    if (failure !== undefined) {
      const { reason: cause, errno } = failure.details;
      throw new SluiceError('LOG_NOT_WRITABLE', { cause: failure.code, errno, reason: cause });
    }
    return { status: 'ready', start: ctx.store.log.start, end: ctx.store.log.end };
  });

  app.get('/metrics', {
    schema: { summary: 'Prometheus metrics', tags: ['operations'] },
    config: { scope: 'read', produces: ['text/plain'] },
  }, async (_request, reply) => {
    const text = await ctx.metrics.registry.metrics();
    return reply.type(ctx.metrics.registry.contentType).send(text);
  });
}

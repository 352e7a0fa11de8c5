import { SluiceError } from '../../core/errors.js';
export async function healthRoutes(app, ctx) {
    app.get('/health', {
        schema: { summary: 'Liveness: the process is up (no key needed)', tags: ['operations'], security: [], response: { 200: { type: 'object', properties: { status: { type: 'string' } } } } },
        config: { scope: 'public' },
    }, async () => ({ status: 'ok' }));
    app.get('/ready', {
        schema: {
            summary: 'Readiness: the log is open and recovered (503 while starting or shutting down)', tags: ['operations'],
            response: { 200: { type: 'object', properties: { status: { type: 'string' }, start: { type: 'integer' }, end: { type: 'integer' } } } },
        },
        config: { scope: 'read' },
    }, async () => {
        if (ctx.live.closing)
            throw new SluiceError('HTTP_SHUTTING_DOWN');
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
//# sourceMappingURL=health.js.map
// POST /auth/sse-token: a short-lived token for browsers' EventSource (which cannot send an Authorization header),
// bound to the calling key and its scopes; GET /log accepts it as `?token=` for text/event-stream only.
import type { FastifyInstance } from 'fastify';
import { ANONYMOUS } from '../access-control.js';
import type { RouteContext } from '../route-context.js';

export async function authRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  app.post('/auth/sse-token', {
    schema: {
      summary: 'Mint a short-lived token for GET /log as SSE (?token=), bound to this key and its scopes', tags: ['access'],
      response: {
        200: {
          type: 'object', required: ['token', 'expiresAt'],
          properties: { token: { type: 'string' }, expiresAt: { type: 'integer', description: 'ms since the epoch' } },
        },
      },
    },
    config: { scope: 'read' },
  }, async (request) => ctx.tokens.mint(request.principal ?? ANONYMOUS));
}

// POST /auth/sse-token: a short-lived token for browsers' EventSource (which cannot send an Authorization header),
// bound to the calling key and its scopes; GET /log accepts it as `?token=` for text/event-stream only.
// GET /auth/whoami: which key the caller holds and its scopes, so a client (the console) can check a key and offer
// only what it may do.
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

  app.get('/auth/whoami', {
    schema: {
      summary: 'The calling key: its id (key-1, key-2, ... in configuration order; never the key), its scopes, and whether keys are on', tags: ['access'],
      response: {
        200: {
          type: 'object', required: ['id', 'scopes', 'keysRequired'],
          properties: { id: { type: 'string' }, scopes: { type: 'array', items: { type: 'string' } }, keysRequired: { type: 'boolean' } },
        },
      },
    },
    config: { scope: 'read' },
  }, async (request) => {
    const principal = request.principal ?? ANONYMOUS;
    return { id: principal.id, scopes: principal.scopes, keysRequired: ctx.keys.size > 0 };
  });
}

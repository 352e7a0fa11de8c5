// GET /openapi.json: the OpenAPI 3 document @fastify/swagger builds from every route's schema.
import type { FastifyInstance } from 'fastify';

export async function openapiRoutes(app: FastifyInstance): Promise<void> {
  app.get('/openapi.json', {
    schema: { hide: true },
    config: { scope: 'read' },
  }, async () => app.swagger());
}

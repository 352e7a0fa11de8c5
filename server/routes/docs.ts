// GET /docs: Swagger UI over the OpenAPI document (/openapi.json's content), behind the same access rules as every
// other route: its pages and assets need a key with the `read` scope when keys are configured.
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance, RouteOptions } from 'fastify';

export const DOCS_PREFIX = '/docs';

/** What the UI's pages and assets may be served as (browsers ask for HTML, scripts, styles and images). */
const DOCS_MEDIA = ['text/html', 'application/javascript', 'text/css', 'image/png', 'image/svg+xml', 'application/json', 'application/yaml'];

/**
 * The UI plugin's routes declare no scope of their own: the root onRoute hook gives them `read` (through this), so
 * they pass the same gate as every other route.
 */
export function withDocsConfig(route: RouteOptions): void {
  if (route.url !== DOCS_PREFIX && !route.url.startsWith(`${DOCS_PREFIX}/`)) return;
  if (route.config?.scope !== undefined) return;
  route.config = { ...(route.config ?? {}), scope: 'read', produces: DOCS_MEDIA };
}

export async function docsRoutes(app: FastifyInstance): Promise<void> {
  await app.register(fastifySwaggerUi, { routePrefix: DOCS_PREFIX });
}

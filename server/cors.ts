// CORS for browser pages on other origins, through @fastify/cors: off unless `cors.origins` lists origins. Registered
// before every other onRequest hook, so preflights are answered before access control (browsers never send keys on a
// preflight) and error answers (401, 429, 503) carry the headers a page needs to read them. Wrong origins get none.
import fastifyCors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { SluiceError } from '../core/errors.js';
import type { ApiKeyRing } from '../config/api-keys.js';
import type { CorsConfig } from '../config/config.js';

/** Request headers pages may send: keys, JSON bodies, content negotiation, SSE resumption. */
export const CORS_ALLOWED_HEADERS = ['Authorization', 'Content-Type', 'Accept', 'Last-Event-ID'];
/** Response headers pages may read beyond the CORS-safelisted ones. */
export const CORS_EXPOSED_HEADERS = ['Sluice-View-Position', 'Retry-After', 'Location', 'WWW-Authenticate', 'Content-Length'];

/** The OPTIONS route @fastify/cors adds so preflights match a route: public (a preflight carries no key). */
export function isCorsPreflightRoute(method: string | string[], url: string): boolean {
  return method === 'OPTIONS' && url === '*';
}

export function installCors(app: FastifyInstance, cors: CorsConfig, keys: ApiKeyRing): void {
  if (cors.origins.length === 0) return;
  const any = cors.origins.includes('*');
  if (any && keys.size > 0) {
    throw new SluiceError('CONFIG_INVALID', { field: 'cors.origins', reason: 'is "*", which is only allowed without API keys; list the origins your pages are served from' });
  }
  app.register(fastifyCors, {
    origin: any ? '*' : [...cors.origins],
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    // Keys travel in the Authorization header, never in cookies: no credentialed requests.
    credentials: false,
    maxAge: 600,
    hideOptionsRoute: true,
  });
}

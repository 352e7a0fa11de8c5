// What request logs may show: never the Authorization header (pino redaction) and never a token in a URL (the req
// serializer rewrites `token=<value>` before pino sees the URL).
import type { FastifyRequest } from 'fastify';

/** pino redact paths: headers wherever a log line carries them. */
export const REDACT_PATHS = [
  'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
  'request.headers.authorization', 'request.headers.cookie',
];

/** Query parameters whose values are credentials. */
const SECRET_PARAMS = /([?&](?:token|access_token|api_key|apikey|key)=)[^&#]*/gi;

/** The URL with credential-bearing query values replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  return url.includes('=') ? url.replace(SECRET_PARAMS, '$1[redacted]') : url;
}

/** Fastify's default req serializer, with the URL redacted. */
export function serializeRequest(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

import type { FastifyRequest } from 'fastify';
/** pino redact paths: headers wherever a log line carries them. */
export declare const REDACT_PATHS: string[];
/** The URL with credential-bearing query values replaced by `[redacted]`. */
export declare function redactUrl(url: string): string;
/** Fastify's default req serializer with the URL redacted; never headers, whatever object is logged as `req`. */
export declare function serializeRequest(request: Partial<FastifyRequest> | null | undefined): Record<string, unknown>;

// The one place errors become HTTP responses: every body is {statusCode, code, error, message} with a code from
// core/errors.ts, plus a few documented fields a client can act on (currentRevision, view, position, progress, stalled).
// Fastify's own errors (validation, body limit, media type, bad URL) are mapped here too; unexpected errors are
// logged and answered as SLUICE_ERR_HTTP_INTERNAL without internals.
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { CommandConflictError, ConcurrencyError, SluiceError, type ErrorKey } from '../core/errors.js';
import './route-config.js';

export interface ErrorBody {
  statusCode: number;
  code: string;
  error: string;
  message: string;
  [extra: string]: unknown;
}

/** Detail fields passed on to clients when present (everything else stays in the logs). */
const EXPOSED_DETAILS = ['view', 'query', 'position', 'progress', 'etaMs', 'param', 'limit', 'end', 'start', 'command', 'rejection', 'attempts', 'group', 'stalled', 'cause', 'errno', 'encoding'] as const;
/** 503s that waiting will not cure: no Retry-After, so clients and proxies do not retry them in a loop. */
const NOT_RETRYABLE = new Set(['SLUICE_ERR_VIEW_STALLED']);

export function errorBody(err: SluiceError): ErrorBody {
  const body: ErrorBody = { statusCode: err.statusCode, code: err.code, error: STATUS_CODES[err.statusCode] ?? 'Error', message: err.message };
  if (err instanceof ConcurrencyError) {
    body.stream = err.stream;
    body.expectedRevision = err.expectedRevision;
    body.currentRevision = err.currentRevision;
  }
  if (err instanceof CommandConflictError) Object.assign(body, { stream: err.stream, currentRevision: err.conflict.currentRevision });
  for (const key of EXPOSED_DETAILS) if (err.details[key] !== undefined) body[key] = err.details[key];
  return body;
}

const FASTIFY_CODES: Record<string, ErrorKey> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'HTTP_BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'HTTP_UNSUPPORTED_MEDIA_TYPE',
};

/** The error for a bad parameter, with the code the route declares for it (or for its part), else HTTP_BAD_REQUEST. */
export function parameterError(request: FastifyRequest, part: string, param: string, reason: string): SluiceError {
  const config = request.routeOptions.config;
  const key = config.validationErrors?.[param] ?? config.validationErrors?.[part] ?? 'HTTP_BAD_REQUEST';
  const source = (part === 'params' ? request.params : part === 'querystring' ? request.query : undefined) as Record<string, unknown> | undefined;
  const value = source?.[param];
  return new SluiceError(key, { reason, param: param || undefined, view: config.view, query: config.query, offset: value, stream: value });
}

function validationError(error: FastifyError, request: FastifyRequest): SluiceError {
  const first = error.validation?.[0];
  const missing = (first?.params as { missingProperty?: string } | undefined)?.missingProperty;
  const param = missing ?? first?.instancePath.split('/')[1] ?? '';
  return parameterError(request, error.validationContext ?? '', param, error.message);
}

/** Turns anything thrown in a request into a SluiceError with a table code. */
export function toSluiceError(error: unknown, request: FastifyRequest, bodyLimit: number): SluiceError {
  if (error instanceof SluiceError) return error;
  const err = error as FastifyError;
  if (err.validation !== undefined) return validationError(err, request);
  const mapped = err.code === undefined ? undefined : FASTIFY_CODES[err.code];
  if (mapped === 'HTTP_BODY_TOO_LARGE') return new SluiceError(mapped, { limit: request.routeOptions.bodyLimit ?? bodyLimit });
  if (mapped === 'HTTP_UNSUPPORTED_MEDIA_TYPE') return new SluiceError(mapped, { contentType: request.headers['content-type'] ?? '(none)' });
  const status = err.statusCode ?? 500;
  if (status === 404) return new SluiceError('HTTP_NOT_FOUND', { method: request.method, url: request.url.split('?')[0] });
  if (status === 429) return new SluiceError('HTTP_TOO_MANY_REQUESTS', { reason: err.message });
  if (status === 503) return new SluiceError('HTTP_OVERLOADED');
  // Fastify's 4xx (bad JSON, bad content length, prototype poisoning ...) carry safe, useful messages.
  if (status >= 400 && status < 500) return new SluiceError('HTTP_BAD_REQUEST', { reason: err.message });
  return new SluiceError('HTTP_INTERNAL', {}, { cause: error });
}

/** Seconds a client should wait before retrying a 503 or a 429. */
function retryAfter(err: SluiceError): number {
  const { etaMs, retryAfter: seconds } = err.details;
  if (typeof seconds === 'number' && seconds > 0) return Math.ceil(seconds);
  return typeof etaMs === 'number' && etaMs > 0 ? Math.min(60, Math.ceil(etaMs / 1000)) : 1;
}

export function sendError(reply: FastifyReply, err: SluiceError): FastifyReply {
  if ((err.statusCode === 503 || err.statusCode === 429) && !NOT_RETRYABLE.has(err.code)) reply.header('retry-after', String(retryAfter(err)));
  return reply.code(err.statusCode).type('application/json; charset=utf-8').send(errorBody(err));
}

export function createErrorHandler(bodyLimit: number) {
  return function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
    const err = toSluiceError(error, request, bodyLimit);
    if (err.code === 'SLUICE_ERR_HTTP_INTERNAL' || err.statusCode >= 500 && err.statusCode !== 503) request.log.error({ err: error }, 'request failed');
    else request.log.info({ code: err.code }, err.message);
    return sendError(reply, err);
  };
}

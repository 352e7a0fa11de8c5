// Who may call what: the onRequest gate every request passes. It identifies the caller (a Bearer key, or on the SSE
// route a token), counts the request against its rate limit (per key, else per client IP), then enforces the route's
// scope: 401 SLUICE_ERR_AUTH_REQUIRED without a valid key, 403 SLUICE_ERR_AUTH_FORBIDDEN without the scope.
// Public routes (/health) skip all of it. With no keys configured only rate limiting applies.
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { SluiceError } from '../core/errors.js';
import { bearerKey, KEY_SCOPES, type ApiKeyRing, type Principal } from '../config/api-keys.js';
import type { ServerLimits } from '../config/config.js';
import { negotiate } from './negotiate.js';
import { JSON_ONLY } from './route-config.js';
import type { SseTokens } from './sse-tokens.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The key (or token) the request acts for; null without one (or when keys are off). */
    principal: Principal | null;
  }
}

/** What requests act as when no keys are configured (tokens minted then carry it). */
export const ANONYMOUS: Principal = { id: 'anonymous', scopes: KEY_SCOPES };

export interface AccessOptions {
  readonly keys: ApiKeyRing;
  readonly tokens: SseTokens;
  readonly limits: Pick<ServerLimits, 'rateLimitMax' | 'rateLimitWindowMs'>;
}

type RateLimiter = (request: FastifyRequest) => Promise<{ isAllowed: boolean; isExceeded?: boolean; ttlInSeconds?: number; max?: number }>;

/** The `?token=` of an SSE request, or undefined (a token is accepted nowhere else, so it never replaces a key). */
function sseToken(request: FastifyRequest): string | undefined {
  const token = (request.query as Record<string, unknown> | undefined)?.token;
  if (typeof token !== 'string' || request.routeOptions.config.acceptsSseToken !== true) return undefined;
  const produces = request.routeOptions.config.produces ?? JSON_ONLY;
  return negotiate(request.headers.accept, produces) === 'text/event-stream' ? token : undefined;
}

function identify(request: FastifyRequest, keys: ApiKeyRing, tokens: SseTokens): Principal | null {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const key = bearerKey(header);
    return key === undefined ? null : keys.authenticate(key) ?? null;
  }
  const token = sseToken(request);
  return token === undefined ? null : tokens.verify(token) ?? null;
}

function enforce(request: FastifyRequest, reply: FastifyReply): SluiceError | undefined {
  const { principal } = request;
  if (principal === null) {
    reply.header('www-authenticate', 'Bearer realm="sluice"');
    // A token where only a key will do gets told so, not a generic "key required".
    const token = (request.query as Record<string, unknown> | undefined)?.token;
    const misplaced = request.headers.authorization === undefined && typeof token === 'string' && sseToken(request) === undefined;
    return new SluiceError(misplaced ? 'AUTH_SSE_TOKEN_MISPLACED' : 'AUTH_REQUIRED');
  }
  // Unmatched URLs have no scope: any valid key may learn that nothing is there.
  const scope = request.routeOptions.config.scope;
  if (scope !== undefined && scope !== 'public' && !principal.scopes.includes(scope)) return new SluiceError('AUTH_FORBIDDEN', { scope });
  return undefined;
}

/** Registers the rate limiter and the access gate on the root instance (before any route plugin). */
export function installAccessControl(app: FastifyInstance, options: AccessOptions): void {
  const { keys, tokens, limits } = options;
  const enabled = keys.size > 0;
  app.decorateRequest('principal', null);

  let limiter: RateLimiter | undefined;
  if (limits.rateLimitMax > 0) {
    // The plugin's own hooks stay off (global: false): its limiter runs inside this gate, after the caller is known.
    app.register(fastifyRateLimit, { global: false }).after(() => {
      limiter = app.createRateLimit({
        max: limits.rateLimitMax,
        timeWindow: limits.rateLimitWindowMs,
        keyGenerator: (request) => (request.principal !== null ? `key:${request.principal.id}` : `ip:${request.ip}`),
      }) as RateLimiter;
    });
  }

  app.addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => {
    if (request.routeOptions.config.scope === 'public') return done();
    if (enabled) request.principal = identify(request, keys, tokens);
    const finish = (): void => {
      const err = enabled ? enforce(request, reply) : undefined;
      done(err);
    };
    if (limiter === undefined) return finish();
    limiter(request).then((outcome) => {
      if (outcome.isExceeded === true) {
        const retryAfter = outcome.ttlInSeconds ?? 1;
        done(new SluiceError('HTTP_TOO_MANY_REQUESTS', { reason: `more than ${outcome.max} requests in ${limits.rateLimitWindowMs} ms; retry in ${retryAfter} s`, retryAfter }));
        return;
      }
      finish();
    }, done);
  });
}

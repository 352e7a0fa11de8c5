// Who may call what: the onRequest gate every request passes. It identifies the caller (a Bearer key, or on the SSE
// route a token), counts the request against its rate limit (per key, else per client IP), then enforces the route's
// scope: 401 SLUICE_ERR_AUTH_REQUIRED without a valid key, 403 SLUICE_ERR_AUTH_FORBIDDEN without the scope.
// Public routes (/health) skip all of it. With no keys configured only rate limiting applies.
import fastifyRateLimit from '@fastify/rate-limit';
import { SluiceError } from '../core/errors.js';
import { bearerKey, KEY_SCOPES } from '../config/api-keys.js';
import { negotiate } from './negotiate.js';
import { JSON_ONLY } from './route-config.js';
/** What requests act as when no keys are configured (tokens minted then carry it). */
export const ANONYMOUS = { id: 'anonymous', scopes: KEY_SCOPES };
/** The `?token=` of an SSE request, or undefined (a token is accepted nowhere else, so it never replaces a key). */
function sseToken(request) {
    const token = request.query?.token;
    if (typeof token !== 'string' || request.routeOptions.config.acceptsSseToken !== true)
        return undefined;
    const produces = request.routeOptions.config.produces ?? JSON_ONLY;
    return negotiate(request.headers.accept, produces) === 'text/event-stream' ? token : undefined;
}
function identify(request, keys, tokens) {
    const header = request.headers.authorization;
    if (header !== undefined) {
        const key = bearerKey(header);
        return key === undefined ? null : keys.authenticate(key) ?? null;
    }
    const token = sseToken(request);
    return token === undefined ? null : tokens.verify(token) ?? null;
}
function enforce(request, reply) {
    const { principal } = request;
    if (principal === null) {
        reply.header('www-authenticate', 'Bearer realm="sluice"');
        return new SluiceError('AUTH_REQUIRED');
    }
    // Unmatched URLs have no scope: any valid key may learn that nothing is there.
    const scope = request.routeOptions.config.scope;
    if (scope !== undefined && scope !== 'public' && !principal.scopes.includes(scope))
        return new SluiceError('AUTH_FORBIDDEN', { scope });
    return undefined;
}
/** Registers the rate limiter and the access gate on the root instance (before any route plugin). */
export function installAccessControl(app, options) {
    const { keys, tokens, limits } = options;
    const enabled = keys.size > 0;
    app.decorateRequest('principal', null);
    let limiter;
    if (limits.rateLimitMax > 0) {
        // The plugin's own hooks stay off (global: false): its limiter runs inside this gate, after the caller is known.
        app.register(fastifyRateLimit, { global: false }).after(() => {
            limiter = app.createRateLimit({
                max: limits.rateLimitMax,
                timeWindow: limits.rateLimitWindowMs,
                keyGenerator: (request) => (request.principal !== null ? `key:${request.principal.id}` : `ip:${request.ip}`),
            });
        });
    }
    app.addHook('onRequest', (request, reply, done) => {
        if (request.routeOptions.config.scope === 'public')
            return done();
        if (enabled)
            request.principal = identify(request, keys, tokens);
        const finish = () => {
            const err = enabled ? enforce(request, reply) : undefined;
            done(err);
        };
        if (limiter === undefined)
            return finish();
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
//# sourceMappingURL=access-control.js.map
import type { RouteScope } from '../config/api-keys.js';
import type { ErrorKey } from '../core/errors.js';
/** `public`: no key ever needed (health); otherwise the scope an API key must hold. */
export type { RouteScope };
export interface SluiceRouteConfig {
    readonly scope: RouteScope;
    /** Media types the route can answer with, in the server's order of preference (default: application/json). */
    readonly produces?: readonly string[];
    /** Error key for a schema failure, by parameter name or by part (`querystring`, `params`, `body`); else HTTP_BAD_REQUEST. */
    readonly validationErrors?: Readonly<Record<string, ErrorKey>>;
    /** For view query routes: the view and query the route serves. */
    readonly view?: string;
    readonly query?: string;
    /** The SSE route: also accepts `?token=` from POST /auth/sse-token when the response is text/event-stream. */
    readonly acceptsSseToken?: boolean;
}
declare module 'fastify' {
    interface FastifyContextConfig extends Partial<SluiceRouteConfig> {
    }
}
export declare const JSON_ONLY: readonly string[];

import type { FastifyInstance } from 'fastify';
import { type ApiKeyRing, type Principal } from '../config/api-keys.js';
import type { ServerLimits } from '../config/config.js';
import type { SseTokens } from './sse-tokens.js';
declare module 'fastify' {
    interface FastifyRequest {
        /** The key (or token) the request acts for; null without one (or when keys are off). */
        principal: Principal | null;
    }
}
/** What requests act as when no keys are configured (tokens minted then carry it). */
export declare const ANONYMOUS: Principal;
export interface AccessOptions {
    readonly keys: ApiKeyRing;
    readonly tokens: SseTokens;
    readonly limits: Pick<ServerLimits, 'rateLimitMax' | 'rateLimitWindowMs'>;
}
/** Registers the rate limiter and the access gate on the root instance (before any route plugin). */
export declare function installAccessControl(app: FastifyInstance, options: AccessOptions): void;

import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../route-context.js';
export declare const LOG_MEDIA: readonly ["application/json", "application/x-ndjson", "application/octet-stream", "text/event-stream"];
export declare function logRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void>;

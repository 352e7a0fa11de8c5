import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../route-context.js';
/** Set on an append's answer when every event repeated a stored id: nothing was written, the offsets are the originals'. */
export declare const DUPLICATE_HEADER = "sluice-duplicate";
export declare function multiAppendRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void>;

import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../route-context.js';
export declare function groupRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void>;

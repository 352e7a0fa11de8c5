import type { FastifyInstance } from 'fastify';
import type { RouteContext } from '../route-context.js';
export declare const VIEW_POSITION_HEADER = "sluice-view-position";
export declare function viewRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void>;

import type { FastifyInstance } from 'fastify';
export declare function openapiRoutes(app: FastifyInstance): Promise<void>;

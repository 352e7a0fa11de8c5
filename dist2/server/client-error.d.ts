import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
export declare function clientErrorHandler(this: FastifyInstance, err: NodeJS.ErrnoException, socket: Duplex): void;

import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
export declare function strictIntegers(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void;

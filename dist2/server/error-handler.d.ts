import type { FastifyReply, FastifyRequest } from 'fastify';
import { SluiceError } from '../core/errors.js';
import './route-config.js';
export interface ErrorBody {
    statusCode: number;
    code: string;
    error: string;
    message: string;
    [extra: string]: unknown;
}
export declare function errorBody(err: SluiceError): ErrorBody;
/** The error for a bad parameter, with the code the route declares for it (or for its part), else HTTP_BAD_REQUEST. */
export declare function parameterError(request: FastifyRequest, part: string, param: string, reason: string): SluiceError;
/** Turns anything thrown in a request into a SluiceError with a table code. */
export declare function toSluiceError(error: unknown, request: FastifyRequest, bodyLimit: number): SluiceError;
export declare function sendError(reply: FastifyReply, err: SluiceError): FastifyReply;
export declare function createErrorHandler(bodyLimit: number): (error: unknown, request: FastifyRequest, reply: FastifyReply) => FastifyReply;

// Integer parameters must be written as integers. Ajv's type coercion turns `1e400` into Infinity (which then passes
// `maximum`) and `0x10` into 16; this preValidation hook checks the raw strings of every `integer` query-string and
// path parameter a route declares, so bounds hold and an offset is always plain digits.
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import { parameterError } from './error-handler.js';

const INTEGER = /^-?\d{1,16}$/;

type Properties = Record<string, { type?: unknown } | undefined>;

function firstBad(properties: Properties | undefined, values: unknown): [string, string] | undefined {
  if (properties === undefined || values === null || typeof values !== 'object') return undefined;
  for (const [name, schema] of Object.entries(properties)) {
    if (schema?.type !== 'integer') continue;
    for (const value of [(values as Record<string, unknown>)[name]].flat()) {
      if (typeof value === 'string' && !INTEGER.test(value)) return [name, value];
    }
  }
  return undefined;
}

export function strictIntegers(request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void {
  const schema = request.routeOptions.schema as { querystring?: { properties?: Properties }; params?: { properties?: Properties } } | undefined;
  if (schema === undefined) return done();
  for (const [part, values] of [['querystring', request.query], ['params', request.params]] as const) {
    const bad = firstBad(schema[part]?.properties, values);
    if (bad !== undefined) return done(parameterError(request, part, bad[0], `${part}/${bad[0]} must be an integer written in digits (got ${JSON.stringify(bad[1].slice(0, 40))})`));
  }
  done();
}

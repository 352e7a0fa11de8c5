// JSON request bodies, parsed once for every route: an empty body is no body (routes say what they need), a body
// that is not JSON says where it breaks, and one with a `__proto__` or `constructor.prototype` key is refused for
// that reason (prototype poisoning) rather than reported as "not JSON".
import type { FastifyRequest } from 'fastify';
import { SluiceError } from '../core/errors.js';

/** Whether any object in `value` has a key that could poison a prototype when merged. */
function hasPoisonKey(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null) continue;
    if (!Array.isArray(item)) {
      if (Object.hasOwn(item, '__proto__')) return true;
      const ctor = (item as Record<string, unknown>).constructor;
      if (Object.hasOwn(item, 'constructor') && typeof ctor === 'object' && ctor !== null && Object.hasOwn(ctor, 'prototype')) return true;
    }
    for (const child of Object.values(item)) if (typeof child === 'object' && child !== null) stack.push(child);
  }
  return false;
}

/**
 * Whether the text could hold such a key: it names one, or holds a `\u` escape that could spell one. Most bodies
 * hold neither, and are not walked at all.
 */
function mayHoldPoisonKey(text: string): boolean {
  return text.includes('__proto__') || text.includes('constructor') || text.includes('\\u');
}

export function parseJsonBody(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  let value: unknown;
  const text = body.toString('utf8');
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new SluiceError('HTTP_BAD_REQUEST', { reason: `the body is not valid JSON (${(err as Error).message})` });
  }
  if (mayHoldPoisonKey(text) && hasPoisonKey(value)) {
    throw new SluiceError('HTTP_BAD_REQUEST', { reason: 'the body is JSON but holds a "__proto__" or "constructor.prototype" key, which is refused (prototype poisoning)' });
  }
  return value;
}

/** The parser for Fastify's addContentTypeParser(…, { parseAs: 'buffer' }, …). */
export function jsonBodyParser(_request: FastifyRequest, body: Buffer | string, done: (err: Error | null, value?: unknown) => void): void {
  try {
    done(null, parseJsonBody(typeof body === 'string' ? Buffer.from(body) : body));
  } catch (err) {
    done(err as Error);
  }
}

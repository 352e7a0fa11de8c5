// Compiles query parameter schemas with Ajv, coercing strings (HTTP query strings) to the declared types and
// filling defaults, so handlers see the same typed params in process and over HTTP.
import { Ajv, type ValidateFunction } from 'ajv';
import { SluiceError } from '../errors.js';
import type { JsonSchema } from '../store-api.js';

const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: false, strict: false });

export type ParamsValidator = (params: unknown) => Record<string, unknown>;

export function compileParams(view: string, query: string, schema: JsonSchema): ParamsValidator {
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(schema);
  } catch (err) {
    throw new SluiceError('VIEW_DEFINITION_INVALID', { view, reason: `query ${query} has an invalid params schema: ${(err as Error).message}` });
  }
  return (params) => {
    const copy: Record<string, unknown> = { ...(params as Record<string, unknown> | undefined ?? {}) };
    if (!validate(copy)) {
      const reason = ajv.errorsText(validate.errors, { dataVar: 'params' });
      throw new SluiceError('VIEW_QUERY_INVALID', { view, query, reason });
    }
    return copy;
  };
}

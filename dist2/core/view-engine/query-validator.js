// Compiles query parameter schemas with Ajv, coercing strings (HTTP query strings) to the declared types and
// filling defaults, so handlers see the same typed params in process and over HTTP.
import { Ajv } from 'ajv';
import { SluiceError } from '../errors.js';
const ajv = new Ajv({ coerceTypes: true, useDefaults: true, allErrors: false, strict: false });
export function compileParams(view, query, schema) {
    let validate;
    try {
        validate = ajv.compile(schema);
    }
    catch (err) {
        throw new SluiceError('VIEW_DEFINITION_INVALID', { view, reason: `query ${query} has an invalid params schema: ${err.message}` });
    }
    return (params) => {
        const copy = { ...(params ?? {}) };
        if (!validate(copy)) {
            const reason = ajv.errorsText(validate.errors, { dataVar: 'params' });
            throw new SluiceError('VIEW_QUERY_INVALID', { view, query, reason });
        }
        return copy;
    };
}
//# sourceMappingURL=query-validator.js.map
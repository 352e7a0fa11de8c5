import { parameterError } from './error-handler.js';
const INTEGER = /^-?\d{1,16}$/;
function firstBad(properties, values) {
    if (properties === undefined || values === null || typeof values !== 'object')
        return undefined;
    for (const [name, schema] of Object.entries(properties)) {
        if (schema?.type !== 'integer')
            continue;
        for (const value of [values[name]].flat()) {
            if (typeof value === 'string' && !INTEGER.test(value))
                return [name, value];
        }
    }
    return undefined;
}
export function strictIntegers(request, _reply, done) {
    const schema = request.routeOptions.schema;
    if (schema === undefined)
        return done();
    for (const [part, values] of [['querystring', request.query], ['params', request.params]]) {
        const bad = firstBad(schema[part]?.properties, values);
        if (bad !== undefined)
            return done(parameterError(request, part, bad[0], `${part}/${bad[0]} must be an integer written in digits (got ${JSON.stringify(bad[1].slice(0, 40))})`));
    }
    done();
}
//# sourceMappingURL=strict-integers.js.map
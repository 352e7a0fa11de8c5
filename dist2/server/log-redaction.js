/** pino redact paths: headers wherever a log line carries them. */
export const REDACT_PATHS = [
    'req.headers.authorization', 'req.headers.cookie', 'headers.authorization', 'headers.cookie',
    'request.headers.authorization', 'request.headers.cookie',
];
/** Query parameters whose values are credentials. */
const SECRET_PARAMS = /([?&](?:token|access_token|api_key|apikey|key)=)[^&#]*/gi;
/** The URL with credential-bearing query values replaced by `[redacted]`. */
export function redactUrl(url) {
    return url.includes('=') ? url.replace(SECRET_PARAMS, '$1[redacted]') : url;
}
/** Fastify's default req serializer with the URL redacted; never headers, whatever object is logged as `req`. */
export function serializeRequest(request) {
    if (request === null || typeof request !== 'object')
        return {};
    return {
        method: request.method,
        url: typeof request.url === 'string' ? redactUrl(request.url) : undefined,
        host: typeof request.host === 'string' ? request.host : undefined,
        remoteAddress: typeof request.ip === 'string' ? request.ip : undefined,
        remotePort: request.socket?.remotePort,
    };
}
//# sourceMappingURL=log-redaction.js.map
import { SluiceError } from '../../core/errors.js';
import { checkStreamName, parseJsonAppend, parseRawAppend, STREAM_NAME } from '../append-request.js';
import { DUPLICATE_HEADER } from './multi-append.js';
/** The append contract, for the OpenAPI document (the parsers enforce it; the numbers are this server's limits). */
function appendSchema(limits) {
    const eventSchema = {
        type: 'object', required: ['type'], additionalProperties: false,
        properties: {
            type: { type: 'string', minLength: 1, maxLength: limits.maxTypeLength },
            id: { type: 'string', format: 'uuid', description: 'repeating the ids of an earlier append acknowledges it again instead of writing twice' },
            data: { description: 'any JSON value; base64 text of the payload bytes when encoding is "base64"' },
            encoding: { type: 'string', enum: ['base64'], description: 'the event is binary: data is its bytes as base64' },
            meta: { type: 'object', additionalProperties: true, description: `at most ${limits.maxMetaBytes} bytes as JSON` },
            tags: { type: 'array', maxItems: limits.maxTags, items: { type: 'string', minLength: 1, maxLength: limits.maxTagLength } },
            ts: { type: 'integer', minimum: 0, description: 'ms since the epoch; the server stamps it when absent' },
        },
    };
    const expectedRevisionSchema = { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', enum: ['no_stream', 'exists', 'any'] }] };
    return {
        summary: 'Append events to a stream',
        description: 'JSON: one event or {"events":[...],"expectedRevision"?} appended atomically. Any other content type: the body is one event payload stored byte-exact, with ?type= (and ?expectedRevision=).',
        tags: ['streams'],
        params: { type: 'object', required: ['stream'], properties: { stream: { type: 'string', maxLength: limits.maxStreamNameLength, pattern: STREAM_NAME.source } } },
        querystring: { type: 'object', properties: { type: { type: 'string' }, expectedRevision: { type: 'string' }, id: { type: 'string', description: 'raw bodies: the event id (a UUID)' } } },
        body: {
            content: {
                'application/json': {
                    schema: {
                        oneOf: [eventSchema, {
                                type: 'object', required: ['events'], additionalProperties: false,
                                properties: { events: { type: 'array', minItems: 1, maxItems: limits.maxBatchEvents, items: eventSchema }, expectedRevision: expectedRevisionSchema },
                            }],
                    },
                },
                'application/octet-stream': { schema: { type: 'string', format: 'binary', description: 'any content type other than JSON: one raw event payload' } },
            },
        },
        response: {
            201: {
                type: 'object', required: ['stream', 'offsets', 'revisions', 'lastOffset'],
                properties: { stream: { type: 'string' }, offsets: { type: 'array', items: { type: 'integer' } }, revisions: { type: 'array', items: { type: 'integer' } }, lastOffset: { type: 'integer' } },
            },
        },
    };
}
const bodyBytes = new WeakMap();
export async function appendRoutes(app, ctx) {
    const { store, config, metrics } = ctx;
    const parseJson = app.getDefaultJsonParser('error', 'error');
    app.removeContentTypeParser('application/json');
    // parseAs 'buffer' makes Fastify enforce bodyLimit while reading, chunked bodies included.
    app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
        bodyBytes.set(request, body.length);
        parseJson(request, body, done); // the default parser takes a Buffer too
    });
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, body, done) => {
        if (request.headers['content-type'] === undefined) {
            done(new SluiceError('HTTP_UNSUPPORTED_MEDIA_TYPE', { contentType: '(none): send Content-Type: application/json or the payload\'s media type' }), undefined);
            return;
        }
        bodyBytes.set(request, body.length);
        done(null, body);
    });
    app.post('/streams/:stream', {
        schema: appendSchema(config.limits),
        // The schemas above document the contract; parseJsonAppend/parseRawAppend enforce it strictly (no coercion).
        validatorCompiler: () => () => true,
        config: { scope: 'append' },
        preValidation: async (request) => checkStreamName(request.params.stream, config.limits.maxStreamNameLength),
    }, async (request, reply) => {
        const { stream } = request.params;
        const raw = Buffer.isBuffer(request.body);
        if (request.body === undefined)
            throw new SluiceError('EVENT_INVALID', { reason: 'the request has no body' });
        const append = raw ? parseRawAppend(request.body, request.query, config.limits) : parseJsonAppend(request.body, request.query, config.limits);
        const result = await store.append(stream, append.events, append.expectedRevision === undefined ? undefined : { expectedRevision: append.expectedRevision });
        if (result.duplicate === true)
            reply.header(DUPLICATE_HEADER, 'true');
        else
            metrics.appended(append.events.length, bodyBytes.get(request) ?? 0);
        return reply.code(201).send({ stream, offsets: result.offsets, revisions: result.revisions, lastOffset: result.lastOffset });
    });
}
//# sourceMappingURL=append.js.map
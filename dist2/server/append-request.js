// Turns an append request (JSON single event, JSON batch, or raw bytes + query string) into core events.
// Strict on purpose (no type coercion, unknown fields rejected, sizes bounded): whatever is accepted is stored forever.
import { SluiceError } from '../core/errors.js';
import { STREAM_NAME } from '../core/log/event-codec.js';
/** The log's own stream-name rule; `limits.maxStreamNameLength` may only shorten it. */
export { STREAM_NAME };
const EVENT_FIELDS = new Set(['type', 'id', 'data', 'encoding', 'meta', 'tags', 'ts']);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const BATCH_FIELDS = new Set(['events', 'expectedRevision']);
const NAMED_REVISIONS = new Set(['no_stream', 'exists', 'any']);
function invalid(reason) {
    return new SluiceError('EVENT_INVALID', { reason });
}
export function checkStreamName(stream, maxLength) {
    if (stream.length > maxLength || !STREAM_NAME.test(stream)) {
        // Quote at most a little more than the limit: the name is echoed in the answer and the log.
        const shown = stream.length > maxLength + 20 ? `${stream.slice(0, maxLength + 20)}...` : stream;
        throw new SluiceError('STREAM_NAME_INVALID', { stream: JSON.stringify(shown), max: maxLength });
    }
}
function isPlainObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}
function checkType(type, where, maxLength) {
    if (typeof type !== 'string' || type.length === 0 || type.length > maxLength)
        throw invalid(`${where}type must be a string of 1-${maxLength} characters`);
    return type;
}
function parseEvent(value, where, limits) {
    if (!isPlainObject(value))
        throw invalid(`${where || 'the body '}must be an object`);
    for (const key of Object.keys(value))
        if (!EVENT_FIELDS.has(key))
            throw invalid(`${where}${key} is not an event field (type, id, data, encoding, meta, tags, ts)`);
    const event = { type: checkType(value.type, where, limits.maxTypeLength) };
    // The log checks the id (SLUICE_ERR_EVENT_ID_INVALID): one rule for HTTP and the embedded API.
    if (value.id !== undefined)
        event.id = value.id;
    if (value.encoding !== undefined) {
        // Binary payloads in JSON, as records are read back: {"data": "<base64>", "encoding": "base64"}.
        if (value.encoding !== 'base64')
            throw invalid(`${where}encoding must be "base64"`);
        if (typeof value.data !== 'string' || !BASE64.test(value.data))
            throw invalid(`${where}data must be base64 text when encoding is "base64"`);
        event.data = Buffer.from(value.data, 'base64');
    }
    else if (value.data !== undefined) {
        checkDepth(value.data, `${where}data`, limits.maxJsonDepth);
        event.data = value.data;
    }
    if (value.meta !== undefined) {
        if (!isPlainObject(value.meta))
            throw invalid(`${where}meta must be an object`);
        checkDepth(value.meta, `${where}meta`, limits.maxJsonDepth);
        if (jsonBytes(value.meta) > limits.maxMetaBytes)
            throw invalid(`${where}meta is larger than ${limits.maxMetaBytes} bytes of JSON`);
        event.meta = value.meta;
    }
    if (value.tags !== undefined) {
        const { maxTags, maxTagLength } = limits;
        if (!Array.isArray(value.tags) || !value.tags.every((t) => typeof t === 'string' && t.length > 0 && t.length <= maxTagLength) || value.tags.length > maxTags) {
            throw invalid(`${where}tags must be an array of at most ${maxTags} strings of 1-${maxTagLength} characters`);
        }
        event.tags = value.tags;
    }
    if (value.ts !== undefined) {
        if (typeof value.ts !== 'number' || !Number.isSafeInteger(value.ts) || value.ts < 0)
            throw invalid(`${where}ts must be a non-negative integer (ms since the epoch)`);
        event.ts = value.ts;
    }
    return event;
}
/** An expected revision from JSON (number or name) or from the query string (digits or name). */
export function parseExpectedRevision(value, fromQuery) {
    if (value === undefined)
        return undefined;
    if (typeof value === 'string' && NAMED_REVISIONS.has(value))
        return value;
    if (fromQuery && typeof value === 'string' && /^\d{1,15}$/.test(value))
        return Number(value);
    if (!fromQuery && typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
        return value;
    throw invalid(`expectedRevision must be a non-negative integer, "no_stream", "exists" or "any" (got ${JSON.stringify(value)})`);
}
/**
 * Refuses JSON nested deeper than `max` arrays/objects. Such a value can be parsed and stored, yet every later
 * JSON.stringify of it (reads, views) may overflow the stack: one event would make its stream unreadable.
 */
function checkDepth(value, where, max) {
    const stack = [[value, 1]];
    while (stack.length > 0) {
        const [item, depth] = stack.pop();
        if (typeof item !== 'object' || item === null)
            continue;
        if (depth > max)
            throw invalid(`${where} is nested more than ${max} levels deep`);
        for (const child of Array.isArray(item) ? item : Object.values(item))
            if (typeof child === 'object' && child !== null)
                stack.push([child, depth + 1]);
    }
}
/** Size of a value as JSON; a value that cannot be JSON (too deep) counts as too large. */
function jsonBytes(value) {
    try {
        return Buffer.byteLength(JSON.stringify(value));
    }
    catch {
        return Infinity;
    }
}
export function parseJsonAppend(body, query, limits) {
    const maxEvents = limits.maxBatchEvents;
    const fromQuery = parseExpectedRevision(query.expectedRevision, true);
    if (!isPlainObject(body))
        throw invalid('the body must be one event {"type","data"} or a batch {"events":[...]}');
    if (!('events' in body))
        return { events: [parseEvent(body, '', limits)], expectedRevision: fromQuery };
    for (const key of Object.keys(body))
        if (!BATCH_FIELDS.has(key))
            throw invalid(`${key} is not a batch field (events, expectedRevision)`);
    const { events } = body;
    if (!Array.isArray(events) || events.length === 0)
        throw invalid('events must be a non-empty array');
    if (events.length > maxEvents)
        throw invalid(`a batch holds at most ${maxEvents} events (got ${events.length})`);
    const expectedRevision = parseExpectedRevision(body.expectedRevision, false);
    if (expectedRevision !== undefined && fromQuery !== undefined && expectedRevision !== fromQuery)
        throw invalid('expectedRevision in the body and the query string disagree');
    return { events: events.map((e, i) => parseEvent(e, `events[${i}].`, limits)), expectedRevision: expectedRevision ?? fromQuery };
}
const MULTI_FIELDS = new Set(['writes']);
const WRITE_FIELDS = new Set(['stream', 'expectedRevision', 'events']);
/** POST /append: {"writes":[{"stream","expectedRevision"?,"events":[...]}, ...]}, at most maxBatchEvents events in all. */
export function parseMultiAppend(body, limits) {
    if (!isPlainObject(body))
        throw invalid('the body must be {"writes":[{"stream","expectedRevision"?,"events":[...]}, ...]}');
    for (const key of Object.keys(body))
        if (!MULTI_FIELDS.has(key))
            throw invalid(`${key} is not a field of a multi-stream append (writes)`);
    const { writes } = body;
    if (!Array.isArray(writes) || writes.length === 0)
        throw invalid('writes must be a non-empty array');
    let total = 0;
    return writes.map((write, w) => {
        const where = `writes[${w}].`;
        if (!isPlainObject(write))
            throw invalid(`${where.slice(0, -1)} must be an object`);
        for (const key of Object.keys(write))
            if (!WRITE_FIELDS.has(key))
                throw invalid(`${where}${key} is not a write field (stream, expectedRevision, events)`);
        if (typeof write.stream !== 'string')
            throw invalid(`${where}stream must be a string`);
        checkStreamName(write.stream, limits.maxStreamNameLength);
        const { events } = write;
        if (!Array.isArray(events) || events.length === 0)
            throw invalid(`${where}events must be a non-empty array`);
        total += events.length;
        if (total > limits.maxBatchEvents)
            throw invalid(`an append holds at most ${limits.maxBatchEvents} events in all its writes`);
        return {
            stream: write.stream,
            expectedRevision: parseExpectedRevision(write.expectedRevision, false),
            events: events.map((e, i) => parseEvent(e, `${where}events[${i}].`, limits)),
        };
    });
}
export function parseRawAppend(body, query, limits) {
    if (query.type === undefined)
        throw invalid('a raw (non-JSON) body needs ?type=<event type>');
    const event = { type: checkType(query.type, 'query ', limits.maxTypeLength), data: body, ...(query.id === undefined ? {} : { id: query.id }) };
    return { events: [event], expectedRevision: parseExpectedRevision(query.expectedRevision, true) };
}
//# sourceMappingURL=append-request.js.map
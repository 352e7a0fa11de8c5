// Reading commands' input: all of stdin as bytes, or NDJSON lines one at a time (with their line numbers).
import { createInterface } from 'node:readline';
import { SluiceError } from '../core/errors.js';
export async function readAll(input) {
    const chunks = [];
    for await (const chunk of input)
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    return Buffer.concat(chunks);
}
/** Non-empty NDJSON lines as parsed objects; a line that is not a JSON object fails with its number. */
export async function* readNdjson(input) {
    let line = 0;
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
        line++;
        if (text.trim() === '')
            continue;
        let value;
        try {
            value = JSON.parse(text);
        }
        catch (err) {
            throw new SluiceError('CLI_INPUT_INVALID', { line, reason: `not JSON (${err.message})` });
        }
        if (value === null || typeof value !== 'object' || Array.isArray(value))
            throw new SluiceError('CLI_INPUT_INVALID', { line, reason: 'expected a JSON object' });
        yield { line, value: value };
    }
}
/** An event from an NDJSON object: {type, id?, data, encoding?, meta?, tags?, ts?}; base64 data comes back as bytes. */
export function eventFromJson(value, line, defaults = {}) {
    const type = value.type ?? defaults.type;
    if (typeof type !== 'string')
        throw new SluiceError('CLI_INPUT_INVALID', { line, reason: 'needs a "type" (or give --type)' });
    let data = value.data;
    if (value.encoding === 'base64') {
        if (typeof data !== 'string')
            throw new SluiceError('CLI_INPUT_INVALID', { line, reason: '"encoding": "base64" needs "data" to be a base64 string' });
        data = Buffer.from(data, 'base64');
    }
    else if (value.encoding !== undefined) {
        throw new SluiceError('CLI_INPUT_INVALID', { line, reason: `unknown "encoding" ${JSON.stringify(value.encoding)} (only "base64")` });
    }
    const event = { type, data };
    // Ids are kept (import of an export, or a re-run, then never duplicates events still in the id window).
    if (value.id !== undefined)
        event.id = value.id;
    if (value.meta !== undefined)
        event.meta = value.meta;
    if (value.tags !== undefined)
        event.tags = value.tags;
    if (defaults.keepTs === true && value.ts !== undefined)
        event.ts = value.ts;
    return event;
}
/** Adds `event` to the last write when it is for the same stream, else starts a write: line order is log order. */
export function addToWrites(writes, stream, event, expectedRevision) {
    const last = writes[writes.length - 1];
    if (last !== undefined && last.stream === stream)
        last.events.push(event);
    else
        writes.push({ stream, events: [event], ...(expectedRevision === undefined ? {} : { expectedRevision }) });
}
//# sourceMappingURL=stdin-input.js.map
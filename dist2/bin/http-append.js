// Appends through a running server's HTTP API (POST /streams/:stream), for when the server holds the store.
import { SluiceError } from '../core/errors.js';
/** Posts `body` as JSON to `path` of the server; the parsed answer, or CLI_SERVER_UNREACHABLE / CLI_SERVER_FAILED. */
export async function requestJson(baseUrl, method, path, body, apiKey, ok = [200, 201, 204]) {
    const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const headers = {};
    if (apiKey !== undefined)
        headers.authorization = `Bearer ${apiKey}`;
    if (body !== undefined)
        headers['content-type'] = 'application/json';
    let response;
    try {
        response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    }
    catch (err) {
        const cause = err.cause;
        throw new SluiceError('CLI_SERVER_UNREACHABLE', { url: baseUrl, reason: cause?.code ?? cause?.message ?? err.message });
    }
    const text = await response.text();
    let json = {};
    try {
        json = text === '' ? {} : JSON.parse(text);
    }
    catch {
        /* not JSON: reported below with the raw text */
    }
    if (!ok.includes(response.status)) {
        const reason = typeof json.message === 'string' ? `${json.message}${typeof json.code === 'string' ? ` [${json.code}]` : ''}` : text.slice(0, 200);
        throw new SluiceError('CLI_SERVER_FAILED', { url: baseUrl, status: response.status, reason });
    }
    return json;
}
/** Many streams in one atomic request (POST /append). */
export async function appendWritesOverHttp(baseUrl, writes, apiKey) {
    const toJson = (e) => (e.data instanceof Uint8Array
        ? { ...e, data: Buffer.from(e.data).toString('base64'), encoding: 'base64' }
        : { ...e });
    const body = { writes: writes.map((w) => ({ stream: w.stream, events: w.events.map(toJson), ...(w.expectedRevision === undefined ? {} : { expectedRevision: w.expectedRevision }) })) };
    const answer = await requestJson(baseUrl, 'POST', 'append', body, apiKey, [201]);
    return { offsets: answer.writes.flatMap((w) => w.offsets) };
}
export async function appendOverHttp(baseUrl, stream, events, expectedRevision, apiKey) {
    const url = new URL(`streams/${encodeURIComponent(stream)}`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const headers = {};
    if (apiKey !== undefined)
        headers.authorization = `Bearer ${apiKey}`;
    let body;
    const single = events.length === 1 ? events[0] : undefined;
    if (single !== undefined && single.data instanceof Uint8Array && single.id === undefined) {
        // Bytes travel as the raw body, byte-exact; type and expectedRevision go in the query string.
        url.searchParams.set('type', single.type);
        if (expectedRevision !== undefined)
            url.searchParams.set('expectedRevision', String(expectedRevision));
        headers['content-type'] = 'application/octet-stream';
        body = new Uint8Array(single.data);
    }
    else {
        const toJson = (e) => (e.data instanceof Uint8Array
            ? { ...e, data: Buffer.from(e.data).toString('base64'), encoding: 'base64' }
            : { ...e });
        headers['content-type'] = 'application/json';
        body = JSON.stringify({ events: events.map(toJson), ...(expectedRevision === undefined ? {} : { expectedRevision }) });
    }
    let response;
    try {
        response = await fetch(url, { method: 'POST', headers, body });
    }
    catch (err) {
        const cause = err.cause;
        throw new SluiceError('CLI_SERVER_UNREACHABLE', { url: baseUrl, reason: cause?.code ?? cause?.message ?? err.message });
    }
    const text = await response.text();
    let json = {};
    try {
        json = JSON.parse(text);
    }
    catch {
        /* not JSON: reported below with the raw text */
    }
    if (response.status !== 201) {
        const reason = typeof json.message === 'string' ? `${json.message}${typeof json.code === 'string' ? ` [${json.code}]` : ''}` : text.slice(0, 200);
        throw new SluiceError('CLI_SERVER_FAILED', { url: baseUrl, status: response.status, reason });
    }
    return { offsets: json.offsets };
}
//# sourceMappingURL=http-append.js.map
// The console's one way to the server: fetch() on the same routes as any client, with the API key the user gave
// (kept in sessionStorage: it lives as long as the browser tab, never in a URL or localStorage).
const KEY_ITEM = 'sluice.apiKey';

export const keyStore = {
  get: () => sessionStorage.getItem(KEY_ITEM),
  set: (key) => sessionStorage.setItem(KEY_ITEM, key),
  clear: () => sessionStorage.removeItem(KEY_ITEM),
};

/** An error answer of the API: `code` is the stable SLUICE_ERR_* code, `body` the whole JSON error. */
export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body?.code ?? `HTTP_${status}`;
    this.body = body ?? {};
  }
}

/** Listeners told when the server refuses the key (401): the app then asks for one again. */
const unauthorized = new Set();
export function onUnauthorized(listener) {
  unauthorized.add(listener);
  return () => unauthorized.delete(listener);
}

/**
 * Calls the API. `key` overrides the stored key (to check a key before keeping it). Answers the parsed JSON (or the
 * text, for text/plain), plus the response headers when `withHeaders` is set.
 */
export async function api(path, { method = 'GET', body, accept = 'application/json', key = keyStore.get(), withHeaders = false, signal } = {}) {
  const headers = { accept };
  if (key) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  const parsed = isJson && text !== '' ? JSON.parse(text) : text;
  if (!res.ok) {
    const error = new ApiError(res.status, isJson ? parsed : undefined);
    // Only a stored key that stopped working sends the user back to the key prompt (not a key being tried).
    if (res.status === 401 && key && key === keyStore.get()) for (const listener of unauthorized) listener(error);
    throw error;
  }
  return withHeaders ? { body: parsed, headers: res.headers, status: res.status } : parsed;
}

/** A query string from an object, leaving out empty values. */
export function qs(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

let openapi;
/** The server's OpenAPI document (fetched once): the query explorer's forms, and which optional routes exist. */
export function openApi() {
  openapi ??= api('/openapi.json').catch((err) => { openapi = undefined; throw err; });
  return openapi;
}

/** Whether the server's `GET <path>` takes the query parameter `name` (features merged later light up by themselves). */
export async function takesParam(path, name) {
  const doc = await openApi();
  return (doc.paths?.[path]?.get?.parameters ?? []).some((p) => p.in === 'query' && p.name === name);
}

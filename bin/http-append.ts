// Appends through a running server's HTTP API (POST /streams/:stream), for when the server holds the store.
import { SluiceError } from '../core/errors.js';
import type { ExpectedRevision, NewEvent, StreamWrite } from '../core/log/event-log.js';

export interface HttpAppendResult {
  readonly offsets: number[];
}

/** Posts `body` as JSON to `path` of the server; the parsed answer, or CLI_SERVER_UNREACHABLE / CLI_SERVER_FAILED. */
export async function requestJson(baseUrl: string, method: string, path: string, body: unknown, apiKey: string | undefined, ok = [200, 201, 204]): Promise<Record<string, unknown>> {
  const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const headers: Record<string, string> = {};
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new SluiceError('CLI_SERVER_UNREACHABLE', { url: baseUrl, reason: cause?.code ?? cause?.message ?? (err as Error).message });
  }
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = text === '' ? {} : JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON: reported below with the raw text */
  }
  if (!ok.includes(response.status)) {
    const reason = typeof json.message === 'string' ? `${json.message}${typeof json.code === 'string' ? ` [${json.code}]` : ''}` : text.slice(0, 200);
    throw new SluiceError('CLI_SERVER_FAILED', { url: baseUrl, status: response.status, reason });
  }
  return json;
}

/** Many streams in one atomic request (POST /append). */
export async function appendWritesOverHttp(baseUrl: string, writes: readonly StreamWrite[], apiKey: string | undefined): Promise<HttpAppendResult> {
  const toJson = (e: NewEvent): Record<string, unknown> => (e.data instanceof Uint8Array
    ? { ...e, data: Buffer.from(e.data).toString('base64'), encoding: 'base64' }
    : { ...e });
  const body = { writes: writes.map((w) => ({ stream: w.stream, events: w.events.map(toJson), ...(w.expectedRevision === undefined ? {} : { expectedRevision: w.expectedRevision }) })) };
  const answer = await requestJson(baseUrl, 'POST', 'append', body, apiKey, [201]);
  return { offsets: (answer.writes as { offsets: number[] }[]).flatMap((w) => w.offsets) };
}

export async function appendOverHttp(
  baseUrl: string,
  stream: string,
  events: readonly NewEvent[],
  expectedRevision: ExpectedRevision | undefined,
  apiKey: string | undefined,
): Promise<HttpAppendResult> {
  const url = new URL(`streams/${encodeURIComponent(stream)}`, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  const headers: Record<string, string> = {};
  if (apiKey !== undefined) headers.authorization = `Bearer ${apiKey}`;
  let body: string | Uint8Array<ArrayBuffer>;
  const single = events.length === 1 ? events[0]! : undefined;
  if (single !== undefined && single.data instanceof Uint8Array && single.id === undefined) {
    // Bytes travel as the raw body, byte-exact; type and expectedRevision go in the query string.
    url.searchParams.set('type', single.type);
    if (expectedRevision !== undefined) url.searchParams.set('expectedRevision', String(expectedRevision));
    headers['content-type'] = 'application/octet-stream';
    body = new Uint8Array(single.data);
  } else {
    const toJson = (e: NewEvent): Record<string, unknown> => (e.data instanceof Uint8Array
      ? { ...e, data: Buffer.from(e.data).toString('base64'), encoding: 'base64' }
      : { ...e });
    headers['content-type'] = 'application/json';
    body = JSON.stringify({ events: events.map(toJson), ...(expectedRevision === undefined ? {} : { expectedRevision }) });
  }
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST', headers, body });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new SluiceError('CLI_SERVER_UNREACHABLE', { url: baseUrl, reason: cause?.code ?? cause?.message ?? (err as Error).message });
  }
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON: reported below with the raw text */
  }
  if (response.status !== 201) {
    const reason = typeof json.message === 'string' ? `${json.message}${typeof json.code === 'string' ? ` [${json.code}]` : ''}` : text.slice(0, 200);
    throw new SluiceError('CLI_SERVER_FAILED', { url: baseUrl, status: response.status, reason });
  }
  return { offsets: json.offsets as number[] };
}

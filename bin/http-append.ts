// Appends through a running server's HTTP API (POST /streams/:stream), for when the server holds the store.
import { SluiceError } from '../core/errors.js';
import type { ExpectedRevision, NewEvent } from '../core/log/event-log.js';

export interface HttpAppendResult {
  readonly offsets: number[];
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
  if (single !== undefined && single.data instanceof Uint8Array) {
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

// Appends through a running server with the typed client (sluice/client), for when the server holds the store:
// one stream is one POST /streams/:stream, several streams one atomic POST /append. Client errors become the
// CLI's codes: SLUICE_ERR_CLI_SERVER_UNREACHABLE (no answer) or SLUICE_ERR_CLI_SERVER_FAILED (the server's error).
import { createClient, SluiceError as ClientError, type EventInput } from '../client/index.js';
import { SluiceError } from '../core/errors.js';
import type { StreamWrite } from '../core/log/event-log.js';

export interface HttpAppendResult {
  readonly offsets: number[];
}

const NO_ANSWER = new Set(['SLUICE_ERR_CLIENT_UNREACHABLE', 'SLUICE_ERR_CLIENT_TIMEOUT']);

function cliError(err: unknown, url: string): unknown {
  if (!(err instanceof ClientError)) return err;
  if (NO_ANSWER.has(err.code)) return new SluiceError('CLI_SERVER_UNREACHABLE', { url, reason: String(err.details.reason ?? err.message) }, { cause: err });
  return new SluiceError('CLI_SERVER_FAILED', { url, status: err.status, reason: `${err.message} [${err.code}]` }, { cause: err });
}

export async function appendOverHttp(url: string, writes: readonly StreamWrite[], apiKey: string | undefined): Promise<HttpAppendResult> {
  const client = createClient({ url, apiKey });
  const streams = new Set(writes.map((w) => w.stream));
  try {
    if (streams.size === 1) {
      const events = writes.flatMap((w) => w.events) as EventInput[];
      return { offsets: (await client.append(writes[0]!.stream, events, { expectedRevision: writes[0]!.expectedRevision })).offsets };
    }
    const result = await client.appendBatch(writes.map((w) => ({ stream: w.stream, events: w.events as EventInput[], expectedRevision: w.expectedRevision })));
    return { offsets: result.writes.flatMap((w) => w.offsets) };
  } catch (err) {
    throw cliError(err, url);
  }
}

/** Sends `body` as JSON to `path` of the server; the parsed answer, or CLI_SERVER_UNREACHABLE / CLI_SERVER_FAILED. */
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

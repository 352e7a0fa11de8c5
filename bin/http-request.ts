// One JSON request to a running server, for the CLI commands that go through it (--url): the parsed answer, or
// SLUICE_ERR_CLI_SERVER_UNREACHABLE / SLUICE_ERR_CLI_SERVER_FAILED naming the server's status, message and code.
import { SluiceError } from '../core/errors.js';
/** Sends `body` as JSON to `path` of the server; the parsed answer, or CLI_SERVER_UNREACHABLE / CLI_SERVER_FAILED. */
export async function requestJson(baseUrl: string, method: string, path: string, body: unknown, apiKey: string | undefined, ok = [200, 201, 204]): Promise<Record<string, unknown>> {
  const url = new URL(path.replace(/^\//, ''), baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
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
    throw new SluiceError('CLI_SERVER_FAILED', { url: baseUrl, status: response.status, reason, code: json.code });
  }
  return json;
}

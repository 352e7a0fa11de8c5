// Sends a forgetting request (DELETE /streams/:stream, POST /log/erase) through a running server, for when the
// server holds the store. Answers the JSON body, or SLUICE_ERR_CLI_SERVER_FAILED naming the server's error code.
import { SluiceError } from '../core/errors.js';

export async function requestOverHttp(baseUrl: string, method: 'DELETE' | 'POST', path: string, body: unknown, apiKey: string | undefined): Promise<Record<string, unknown>> {
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
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    /* not JSON: reported below with the raw text */
  }
  if (response.status >= 300) {
    const reason = typeof json.message === 'string' ? `${json.message}${typeof json.code === 'string' ? ` [${json.code}]` : ''}` : text.slice(0, 200);
    throw new SluiceError('CLI_SERVER_FAILED', { url: baseUrl, status: response.status, reason });
  }
  return json;
}

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


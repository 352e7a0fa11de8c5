// `sluice read <stream>`: a stream's events in revision order, or newest first with --backward, as JSON lines.
// Reads beside a running server (through the streams view, or the log itself when the view is behind), or with --url
// through the server.
import { SluiceError } from '../../core/errors.js';
import type { EventLog, LogRecord } from '../../core/log/event-log.js';
import type { Store } from '../../core/store-api.js';
import { encodeNdjson } from '../../core/wire/record-json.js';
import { openStore } from '../../store/open-store.js';
import { integerOption, stringOption, usageError } from '../cli-args.js';
import type { Command } from '../command.js';
import { requestJson } from '../http-request.js';
import { assertStoreExists } from '../log-access.js';

/** Whether the `streams` view has the stream's last revision (no server may have built it yet: `append` writes the log only). */
async function viewHasApplied(store: Store, stream: string, revision: number): Promise<boolean> {
  try {
    return ((await store.views.query('streams', 'get', { stream })) as { revision: number }).revision === revision;
  } catch {
    return false;
  }
}

/** The same page read from the log itself, for when the view is behind. */
async function scanLog(log: EventLog, stream: string, direction: 'forward' | 'backward', from: number | undefined, limit: number): Promise<LogRecord[]> {
  const out: LogRecord[] = [];
  const records = direction === 'backward' ? log.readBackward() : log.readForward(log.start);
  for await (const record of records) {
    if (record.stream !== stream) continue;
    if (from !== undefined && (direction === 'backward' ? record.revision > from : record.revision < from)) continue;
    out.push(record);
    if (out.length >= limit) break;
  }
  return out;
}

const read: Command = {
  name: 'read',
  help: `Usage: sluice read <stream> [--backward] [--from <revision>] [--limit <n>] [--url <server>]

Prints a stream's events as JSON lines, oldest first, or newest first with --backward
(the last <n> events: sluice read orders-7 --backward --limit 10).

  --backward         newest first; --from is then the newest revision printed (default: the last)
  --from <revision>  first revision printed (default 0, or the last with --backward)
  --limit <n>        most events (default 100)
  --url <server>     read through the server at this URL
  --api-key <key>    API key for --url (default: SLUICE_API_KEY)`,
  options: {
    backward: { type: 'boolean' },
    from: { type: 'string' },
    limit: { type: 'string' },
    url: { type: 'string' },
    'api-key': { type: 'string' },
  },
  async run({ args, dataDir, io, env }) {
    if (args.positionals.length !== 1) throw usageError('read needs exactly one <stream>');
    const stream = args.positionals[0]!;
    const direction = args.values.backward === true ? 'backward' : 'forward';
    const from = integerOption(args.values, 'from');
    const limit = integerOption(args.values, 'limit', 1) ?? 100;
    const url = stringOption(args.values, 'url');
    if (url !== undefined) {
      const query = new URLSearchParams({ direction, limit: String(limit), ...(from === undefined ? {} : { from: String(from) }) });
      const page = await requestJson(url, 'GET', `streams/${encodeURIComponent(stream)}?${query}`, undefined, stringOption(args.values, 'api-key') ?? env.SLUICE_API_KEY, [200]);
      // The server's records are already in the wire shape.
      for (const event of page.events as Record<string, unknown>[]) io.stdout.write(`${JSON.stringify(event)}\n`);
      return 0;
    }
    assertStoreExists(dataDir);
    const store = await openStore({ dataDir, readOnly: true });
    try {
      const revision = store.log.streamRevision(stream);
      const events = revision !== undefined && (await viewHasApplied(store, stream, revision))
        ? (await store.readStream(stream, { direction, from, limit })).events
        : await scanLog(store.log, stream, direction, from, limit);
      if (revision === undefined) throw new SluiceError('STREAM_NOT_FOUND', { stream });
      io.stdout.write(events.map((e: LogRecord) => encodeNdjson(e)).join(''));
      return 0;
    } finally {
      await store.close();
    }
  },
};

export default read;

// `sluice append`: one event (payload from --data or stdin; stdin that is not JSON is stored as bytes), or with
// --batch an NDJSON batch appended atomically. Writes the log directly, or with --url through a running server.
import { SluiceError } from '../../core/errors.js';
import type { ExpectedRevision, NewEvent, StreamWrite } from '../../core/log/event-log.js';
import { parseExpectedRevision } from '../../core/log/expected-revision.js';
import { parseEventJson, type EventLimits } from '../../core/wire/event-json.js';
import { stringOption, usageError } from '../cli-args.js';
import type { Command, CommandIo } from '../command.js';
import { appendOverHttp } from '../http-append.js';
import { openLogWriter } from '../log-access.js';
import { addToWrites, eventFromJson, readAll, readNdjson, type PendingWrite } from '../stdin-input.js';

function expectedRevisionFlag(raw: string | undefined): ExpectedRevision | undefined {
  try {
    return parseExpectedRevision(raw, true);
  } catch (err) {
    throw usageError(`--expected-revision: ${String((err as SluiceError).details.reason)}`);
  }
}

function jsonFlag(name: string, raw: string | undefined, hint = ''): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    throw usageError(`--${name} must be JSON${hint}`);
  }
}

/** --tags a,b,c: the event's tags. */
function tagsFlag(raw: string | undefined): string[] | undefined {
  return raw === undefined ? undefined : raw.split(',').map((tag) => tag.trim());
}

interface SingleEventFlags {
  readonly type: string | undefined;
  readonly data: string | undefined;
  readonly meta: string | undefined;
  readonly tags: string | undefined;
  readonly id: string | undefined;
}

/** The event from the flags (and stdin), checked by the same parser as HTTP appends. */
async function singleEvent(flags: SingleEventFlags, limits: EventLimits, io: CommandIo): Promise<NewEvent> {
  if (flags.type === undefined) throw usageError('append needs --type <T> (or --batch with a "type" on every line)');
  const fields: Record<string, unknown> = { type: flags.type };
  const meta = jsonFlag('meta', flags.meta, ' (an object: --meta \'{"user":"ann"}\')');
  if (meta !== undefined) fields.meta = meta;
  const tags = tagsFlag(flags.tags);
  if (tags !== undefined) fields.tags = tags;
  if (flags.id !== undefined) fields.id = flags.id;
  if (flags.data !== undefined) {
    fields.data = jsonFlag('data', flags.data, ` (quote a string: --data '"text"'); to store raw bytes, pipe them on stdin`);
    return parseEventJson(fields, limits);
  }
  if (io.stdin.isTTY) throw usageError('give the event data with --data <json>, or pipe it on stdin');
  const bytes = await readAll(io.stdin);
  let data: unknown = null;
  if (bytes.length > 0) {
    try {
      data = JSON.parse(bytes.toString('utf8'));
    } catch {
      return { ...parseEventJson(fields, limits), data: bytes };
    }
  }
  return parseEventJson({ ...fields, data }, limits);
}

/** The batch's events grouped into consecutive writes per stream, keeping line order. */
async function batchWrites(stream: string | undefined, type: string | undefined, expected: ExpectedRevision | undefined, limits: EventLimits, io: CommandIo): Promise<StreamWrite[]> {
  if (io.stdin.isTTY) throw usageError('--batch reads NDJSON events from stdin; pipe them in');
  const writes: PendingWrite[] = [];
  for await (const { line, value } of readNdjson(io.stdin)) {
    const target = value.stream ?? stream;
    if (typeof target !== 'string') throw new SluiceError('CLI_INPUT_INVALID', { line, reason: 'needs a "stream" (or give <stream>)' });
    // --expected-revision checks <stream> once, on its first write.
    const check = target === stream && !writes.some((w) => w.stream === target) ? expected : undefined;
    addToWrites(writes, target, eventFromJson(value, line, limits, { type }), check);
  }
  if (writes.length === 0) throw usageError('--batch got no events on stdin');
  return writes;
}

const append: Command = {
  name: 'append',
  help: `Usage: sluice append <stream> --type <T> [--data <json>] [--meta <json>] [--tags <a,b>] [--expected-revision <r>] [--url <server>]
       sluice append [<stream>] --batch [--type <T>] < events.ndjson

Appends one event and prints its offset. The payload comes from --data (JSON) or stdin:
stdin that is JSON is stored as JSON, anything else as raw bytes.
With --batch, each stdin line is an event {"type","id"?,"data","meta"?,"tags"?,"stream"?,"encoding"?}
(a line's "stream" overrides <stream>); all of them are appended atomically and their offsets printed.
Events with an "id" (a UUID) are idempotent: running the same append again prints the original offsets.

While a server holds the store, append fails naming its pid; add --url to send the append through it.

  --type <T>                  event type (default for --batch lines without one)
  --data <json>               the event's data as JSON (the data directory is --data-dir for append)
  --meta <json>               the event's metadata, a JSON object
  --tags <a,b>                the event's tags, comma-separated
  --id <uuid>                 the event's id: appending it again is acknowledged with the original offset
  --expected-revision <r>     a revision number, no_stream, exists or any; nothing is written if it does not hold
  --batch                     read NDJSON events from stdin
  --url <server>              append through the server at this URL (e.g. http://127.0.0.1:7070)
  --api-key <key>             API key for --url (default: SLUICE_API_KEY)`,
  options: {
    type: { type: 'string' },
    data: { type: 'string' },
    meta: { type: 'string' },
    tags: { type: 'string' },
    id: { type: 'string' },
    'expected-revision': { type: 'string' },
    batch: { type: 'boolean' },
    url: { type: 'string' },
    'api-key': { type: 'string' },
  },
  commonOptions: {
    'data-dir': { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
  async run({ args, config, io, env }) {
    const [stream, ...extra] = args.positionals;
    if (extra.length > 0) throw usageError(`unexpected arguments: ${extra.join(' ')}`);
    const batch = args.values.batch === true;
    if (stream === undefined && !batch) throw usageError('append needs a <stream>');
    const type = stringOption(args.values, 'type');
    const expected = expectedRevisionFlag(stringOption(args.values, 'expected-revision'));
    for (const flag of ['data', 'meta', 'tags']) {
      if (batch && stringOption(args.values, flag) !== undefined) throw usageError(`--batch reads events from stdin; drop --${flag} (give it on each line)`);
    }
    if (batch && stream === undefined && expected !== undefined) {
      throw usageError('--expected-revision needs the <stream> it applies to (append <stream> --batch --expected-revision <r>)');
    }
    const writes: StreamWrite[] = batch
      ? await batchWrites(stream, type, expected, config.limits, io)
      : [{ stream: stream!, events: [await singleEvent({ type, data: stringOption(args.values, 'data'), meta: stringOption(args.values, 'meta'), tags: stringOption(args.values, 'tags'), id: stringOption(args.values, 'id') }, config.limits, io)], expectedRevision: expected }];
    if (batch && stringOption(args.values, 'id') !== undefined) throw usageError('--batch takes ids from the lines ("id"); drop --id');

    const url = stringOption(args.values, 'url');
    let offsets: number[];
    if (url !== undefined) {
      ({ offsets } = await appendOverHttp(url, writes, stringOption(args.values, 'api-key') ?? env.SLUICE_API_KEY));
    } else {
      const log = await openLogWriter(config, { viaUrl: true });
      try {
        ({ offsets } = await log.appendBatch(writes));
      } finally {
        await log.close();
      }
    }
    io.stdout.write(`${offsets.join('\n')}\n`);
    return 0;
  },
};

export default append;

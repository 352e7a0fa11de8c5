// `sluice append`: one event (payload from --data or stdin; stdin that is not JSON is stored as bytes), or with
// --batch an NDJSON batch appended atomically. Writes the log directly, or with --url through a running server.
import { SluiceError } from '../../core/errors.js';
import { stringOption, usageError } from '../cli-args.js';
import { appendOverHttp, appendWritesOverHttp } from '../http-append.js';
import { openLogWriter } from '../log-access.js';
import { addToWrites, eventFromJson, readAll, readNdjson } from '../stdin-input.js';
function parseExpectedRevision(raw) {
    if (raw === undefined)
        return undefined;
    if (raw === 'no_stream' || raw === 'exists' || raw === 'any')
        return raw;
    if (/^\d+$/.test(raw))
        return Number(raw);
    throw usageError(`--expected-revision must be a revision number, no_stream, exists or any (got ${JSON.stringify(raw)})`);
}
async function singleEvent(type, dataFlag, io, id) {
    const event = await singleEventData(type, dataFlag, io);
    return id === undefined ? event : { ...event, id };
}
async function singleEventData(type, dataFlag, io) {
    if (type === undefined)
        throw usageError('append needs --type <T> (or --batch with a "type" on every line)');
    if (dataFlag !== undefined) {
        try {
            return { type, data: JSON.parse(dataFlag) };
        }
        catch {
            throw usageError(`--data must be JSON (quote a string: --data '"text"'); to store raw bytes, pipe them on stdin`);
        }
    }
    if (io.stdin.isTTY)
        throw usageError('give the event data with --data <json>, or pipe it on stdin');
    const bytes = await readAll(io.stdin);
    if (bytes.length === 0)
        return { type, data: null };
    try {
        return { type, data: JSON.parse(bytes.toString('utf8')) };
    }
    catch {
        return { type, data: bytes };
    }
}
/** The batch's events grouped into consecutive writes per stream, keeping line order. */
async function batchWrites(stream, type, expected, io) {
    if (io.stdin.isTTY)
        throw usageError('--batch reads NDJSON events from stdin; pipe them in');
    const writes = [];
    for await (const { line, value } of readNdjson(io.stdin)) {
        const target = value.stream ?? stream;
        if (typeof target !== 'string')
            throw new SluiceError('CLI_INPUT_INVALID', { line, reason: 'needs a "stream" (or give <stream>)' });
        // --expected-revision checks <stream> once, on its first write.
        const check = target === stream && !writes.some((w) => w.stream === target) ? expected : undefined;
        addToWrites(writes, target, eventFromJson(value, line, { type }), check);
    }
    if (writes.length === 0)
        throw usageError('--batch got no events on stdin');
    return writes;
}
const append = {
    name: 'append',
    help: `Usage: sluice append <stream> --type <T> [--data <json>] [--expected-revision <r>] [--url <server>]
       sluice append [<stream>] --batch [--type <T>] < events.ndjson

Appends one event and prints its offset. The payload comes from --data (JSON) or stdin:
stdin that is JSON is stored as JSON, anything else as raw bytes.
With --batch, each stdin line is an event {"type","id"?,"data","meta"?,"tags"?,"stream"?,"encoding"?}
(a line's "stream" overrides <stream>); all of them are appended atomically and their offsets printed.
Events with an "id" (a UUID) are idempotent: running the same append again prints the original offsets.

While a server holds the store, append fails naming its pid; add --url to send the append through it.

  --type <T>                  event type (default for --batch lines without one)
  --data <json>               the event's data as JSON (note: the data directory is --data-dir here)
  --id <uuid>                 the event's id: appending it again is acknowledged with the original offset
  --expected-revision <r>     a revision number, no_stream, exists or any; nothing is written if it does not hold
  --batch                     read NDJSON events from stdin
  --url <server>              append through the server at this URL (e.g. http://127.0.0.1:7070)
  --api-key <key>             API key for --url (default: SLUICE_API_KEY)`,
    options: {
        type: { type: 'string' },
        data: { type: 'string' },
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
        if (extra.length > 0)
            throw usageError(`unexpected arguments: ${extra.join(' ')}`);
        const batch = args.values.batch === true;
        if (stream === undefined && !batch)
            throw usageError('append needs a <stream>');
        const type = stringOption(args.values, 'type');
        const expected = parseExpectedRevision(stringOption(args.values, 'expected-revision'));
        if (batch && stringOption(args.values, 'data') !== undefined)
            throw usageError('--batch reads events from stdin; drop --data');
        if (batch && stream === undefined && expected !== undefined) {
            throw usageError('--expected-revision needs the <stream> it applies to (append <stream> --batch --expected-revision <r>)');
        }
        const writes = batch
            ? await batchWrites(stream, type, expected, io)
            : [{ stream: stream, events: [await singleEvent(type, stringOption(args.values, 'data'), io, stringOption(args.values, 'id'))], expectedRevision: expected }];
        if (batch && stringOption(args.values, 'id') !== undefined)
            throw usageError('--batch takes ids from the lines ("id"); drop --id');
        const url = stringOption(args.values, 'url');
        let offsets;
        if (url !== undefined) {
            const apiKey = stringOption(args.values, 'api-key') ?? env.SLUICE_API_KEY;
            const streams = new Set(writes.map((w) => w.stream));
            // Several streams go in one atomic POST /append.
            if (streams.size > 1)
                ({ offsets } = await appendWritesOverHttp(url, writes, apiKey));
            else
                ({ offsets } = await appendOverHttp(url, writes[0].stream, writes.flatMap((w) => w.events), expected, apiKey));
        }
        else {
            const log = await openLogWriter(config);
            try {
                ({ offsets } = await log.appendBatch(writes));
            }
            finally {
                await log.close();
            }
        }
        io.stdout.write(`${offsets.join('\n')}\n`);
        return 0;
    },
};
export default append;
//# sourceMappingURL=append.js.map
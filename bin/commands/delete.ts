// `sluice delete <stream>`: soft delete (a tombstone), offline or through a server with --url.
import { stringOption, usageError } from '../cli-args.js';
import type { Command } from '../command.js';
import { requestJson } from '../http-request.js';
import { openStoreWriter } from '../store-access.js';

const deleteCommand: Command = {
  name: 'delete',
  help: `Usage: sluice delete <stream> [--expected-revision <r>] [--url <server>]

Soft-deletes a stream: appends its tombstone. Its reads then answer 410 (SLUICE_ERR_STREAM_DELETED) and the
first-party views drop its rows; its records stay in the log (to remove them, use \`sluice erase --stream\`).
Writing to the stream again re-creates it; its revisions continue. Prints the tombstone's revision and offset.

  --expected-revision <r>   the stream's current revision (or exists, any); nothing is written if it does not hold
  --url <server>            delete through the server at this URL (while it holds the store)
  --api-key <key>           API key for --url (default: SLUICE_API_KEY)`,
  options: {
    'expected-revision': { type: 'string' },
    url: { type: 'string' },
    'api-key': { type: 'string' },
  },
  async run({ args, config, io, env }) {
    const [stream, ...extra] = args.positionals;
    if (stream === undefined) throw usageError('delete needs a <stream>');
    if (extra.length > 0) throw usageError(`unexpected arguments: ${extra.join(' ')}`);
    const raw = stringOption(args.values, 'expected-revision');
    if (raw !== undefined && !/^(\d+|exists|any)$/.test(raw)) throw usageError(`--expected-revision must be a revision number, exists or any (got ${JSON.stringify(raw)})`);
    const url = stringOption(args.values, 'url');
    let revision: unknown;
    let offset: unknown;
    if (url !== undefined) {
      const query = raw === undefined ? '' : `?expectedRevision=${encodeURIComponent(raw)}`;
      ({ revision, offset } = await requestJson(url, 'DELETE', `/streams/${encodeURIComponent(stream)}${query}`, undefined, stringOption(args.values, 'api-key') ?? env.SLUICE_API_KEY, [200, 201, 202, 204]));
    } else {
      const store = await openStoreWriter(config);
      try {
        const expectedRevision = raw === undefined ? undefined : /^\d+$/.test(raw) ? Number(raw) : (raw as 'exists' | 'any');
        const result = await store.deleteStream(stream, expectedRevision === undefined ? {} : { expectedRevision });
        revision = result.revisions[0];
        offset = result.lastOffset;
      } finally {
        await store.close();
      }
    }
    io.stdout.write(`deleted ${stream}: tombstone at revision ${String(revision)}, offset ${String(offset)}\n`);
    return 0;
  },
};

export default deleteCommand;

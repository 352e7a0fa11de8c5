// `sluice erase`: erasure in place of a stream's records or of records by offset, offline (server stopped) or
// through a server with --url. Returns once no byte of the erased content is left in the data directory.
import type { ErasureReport } from '../../core/log/log-eraser.js';
import { parseInteger, stringOption, usageError } from '../cli-args.js';
import type { Command } from '../command.js';
import { requestJson } from '../http-request.js';
import { openStoreWriter } from '../store-access.js';

const erase: Command = {
  name: 'erase',
  help: `Usage: sluice erase --stream <stream> [--url <server>]
       sluice erase <offset> [<offset> ...] [--url <server>]

Erases records in place: their data, meta and tags are overwritten on disk where they lie (offsets, stream,
revision, type and timestamp stay; they read as {"erased": true, "data": null}). Every view is then rebuilt from
the erased log into a fresh LMDB environment, so no copy is left in the data directory. An erasure interrupted by
a crash finishes when the store is next opened. Backups and exports made earlier are not touched.

Without --url the server must be stopped. Through --url the key needs the admin scope.

  --stream <stream>   erase every record of this stream
  --url <server>      erase through the server at this URL
  --api-key <key>     API key for --url (default: SLUICE_API_KEY)`,
  options: {
    stream: { type: 'string' },
    url: { type: 'string' },
    'api-key': { type: 'string' },
  },
  async run({ args, config, io, env }) {
    const stream = stringOption(args.values, 'stream');
    const offsets = args.positionals.map((raw) => parseInteger(raw, 'an offset'));
    if (stream === undefined && offsets.length === 0) throw usageError('erase needs --stream <stream> or record offsets');
    if (stream !== undefined && offsets.length > 0) throw usageError('erase takes --stream or offsets, not both');
    const url = stringOption(args.values, 'url');
    let report: ErasureReport;
    if (url !== undefined) {
      const apiKey = stringOption(args.values, 'api-key') ?? env.SLUICE_API_KEY;
      report = (stream !== undefined
        ? await requestJson(url, 'DELETE', `/streams/${encodeURIComponent(stream)}?erase=true`, undefined, apiKey, [200, 201, 202, 204])
        : await requestJson(url, 'POST', '/log/erase', { offsets }, apiKey, [200, 201, 202, 204])) as unknown as ErasureReport;
    } else {
      const store = await openStoreWriter(config);
      try {
        report = stream !== undefined ? await store.eraseStream(stream) : await store.erase(offsets);
      } finally {
        await store.close();
      }
    }
    io.stdout.write(`erased ${report.erased} records (${report.bytes} bytes rewritten)`
      + (report.alreadyErased > 0 ? `, ${report.alreadyErased} already erased` : '') + '\n');
    for (const offset of report.offsets) io.stdout.write(`${offset}\n`);
    return 0;
  },
};

export default erase;

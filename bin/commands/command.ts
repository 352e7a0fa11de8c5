// `sluice command <name> --params '<json>'`: runs a command a plugin declares (the config's `plugins`) and prints
// its outcome as one JSON line. Opens the store as its writer, or with --url runs it through a running server
// (POST /commands/<name>), the same way `append` does.
import { requestJson } from '../http-request.js';
import { isSluiceError, SluiceError } from '../../core/errors.js';
import { readLockHolder } from '../../core/log/writer-lock.js';
import { openStore } from '../../store/open-store.js';
import { stringOption, usageError } from '../cli-args.js';
import { logDirOf } from '../cli-config.js';
import type { Command } from '../command.js';
import { storeBusy } from '../log-access.js';

function parseParams(raw: string | undefined): Record<string, unknown> {
  if (raw === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw usageError(`--params must be a JSON object (got ${JSON.stringify(raw.slice(0, 80))})`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw usageError('--params must be a JSON object, e.g. --params \'{"account":"alice"}\'');
  return value as Record<string, unknown>;
}

function parseExpected(raw: string | undefined): number | 'no_stream' | undefined {
  if (raw === undefined || raw === 'no_stream') return raw;
  if (/^\d{1,15}$/.test(raw)) return Number(raw);
  throw usageError(`--expected-revision must be a revision number or no_stream (got ${JSON.stringify(raw)})`);
}

function overHttp(baseUrl: string, name: string, params: Record<string, unknown>, expected: number | 'no_stream' | undefined, apiKey: string | undefined): Promise<unknown> {
  const query = expected === undefined ? '' : `?expectedRevision=${encodeURIComponent(String(expected))}`;
  return requestJson(baseUrl, 'POST', `commands/${encodeURIComponent(name)}${query}`, params, apiKey, [200, 201]);
}

const command: Command = {
  name: 'command',
  help: `Usage: sluice command <name> [--params <json>] [--expected-revision <r>] [--url <server>]

Runs a command a plugin declares (the config file's "plugins") and prints its outcome as one JSON line:
{"command","stream","revision","offsets","revisions","types","lastOffset","attempts"}.
The store's state is read, the command decides, and its events are appended with the revision read
(retried when another writer got there first). A rejected command writes nothing and exits 1.

While a server holds the store, add --url to run the command through it (POST /commands/<name>).

  --params <json>             the command's parameters, a JSON object (default {})
  --expected-revision <r>     run only if the stream is at this revision (or no_stream); no retry
  --url <server>              run it through the server at this URL (e.g. http://127.0.0.1:7070)
  --api-key <key>             API key for --url (default: SLUICE_API_KEY)`,
  options: {
    params: { type: 'string' },
    'expected-revision': { type: 'string' },
    url: { type: 'string' },
    'api-key': { type: 'string' },
  },
  async run({ args, config, io, env }) {
    const [name, ...extra] = args.positionals;
    if (name === undefined) throw usageError('command needs the <name> of a command (GET /commands lists them)');
    if (extra.length > 0) throw usageError(`unexpected arguments: ${extra.join(' ')}`);
    const params = parseParams(stringOption(args.values, 'params'));
    const expected = parseExpected(stringOption(args.values, 'expected-revision'));
    const url = stringOption(args.values, 'url');
    let outcome: unknown;
    if (url !== undefined) {
      outcome = await overHttp(url, name, params, expected, stringOption(args.values, 'api-key') ?? env.SLUICE_API_KEY);
    } else {
      const holder = readLockHolder(logDirOf(config.dataDir));
      if (holder !== undefined) throw storeBusy(config, holder.pid, { viaUrl: true });
      let store;
      try {
        store = await openStore({ dataDir: config.dataDir, fsync: config.fsync, plugins: config.plugins });
      } catch (err) {
        if (isSluiceError(err, 'LOG_LOCKED')) throw storeBusy(config, err.details.pid, { viaUrl: true });
        throw err;
      }
      try {
        outcome = await store.commands.execute(name, params, { expectedRevision: expected });
      } finally {
        await store.close();
      }
    }
    io.stdout.write(`${JSON.stringify(outcome)}\n`);
    return 0;
  },
};

export default command;

// `sluice groups <create|list|info|delete|parked|replay>`: manage consumer groups, through a running server (--url)
// or, when no server holds the store, on the store directly.
import type { Store } from '../../core/store-api.js';
import { openStore } from '../../store/open-store.js';
import { integerOption, stringOption, usageError, type OptionValues } from '../cli-args.js';
import type { Command } from '../command.js';
import { requestJson } from '../http-request.js';
import { openLogWriter } from '../log-access.js';
import { renderTable } from '../table.js';

const ACTIONS = ['create', 'list', 'info', 'delete', 'parked', 'replay'] as const;
type Action = (typeof ACTIONS)[number];

function createBody(name: string, values: OptionValues): Record<string, unknown> {
  const filter: Record<string, string> = {};
  for (const key of ['stream', 'category', 'type', 'tag']) {
    const v = stringOption(values, key);
    if (v !== undefined) filter[key] = v;
  }
  const fromRaw = stringOption(values, 'from');
  const from = fromRaw === undefined || fromRaw === 'start' || fromRaw === 'end' ? fromRaw : integerOption(values, 'from');
  const body: Record<string, unknown> = { name, filter };
  if (from !== undefined) body.from = from;
  const maxDeliveries = integerOption(values, 'max-deliveries', 1);
  if (maxDeliveries !== undefined) body.maxDeliveries = maxDeliveries;
  const ackTimeoutMs = integerOption(values, 'ack-timeout', 1);
  if (ackTimeoutMs !== undefined) body.ackTimeoutMs = ackTimeoutMs;
  return body;
}

/** The action's answer as JSON, from the server or the store. */
async function perform(action: Action, name: string | undefined, values: OptionValues, via: { url?: string; apiKey?: string; store?: Store }): Promise<unknown> {
  const { url, apiKey, store } = via;
  const path = name === undefined ? 'groups' : `groups/${encodeURIComponent(name)}`;
  switch (action) {
    case 'create': {
      const body = createBody(name!, values);
      return url !== undefined ? requestJson(url, 'POST', 'groups', body, apiKey, [201]) : store!.groups.create(body as never);
    }
    case 'list':
      return url !== undefined ? requestJson(url, 'GET', 'groups', undefined, apiKey, [200]) : { groups: store!.groups.list() };
    case 'info':
      return url !== undefined ? requestJson(url, 'GET', path, undefined, apiKey, [200]) : store!.groups.info(name!);
    case 'delete':
      if (url !== undefined) await requestJson(url, 'DELETE', path, undefined, apiKey, [204]);
      else await store!.groups.delete(name!);
      return { deleted: name };
    case 'parked': {
      const limit = integerOption(values, 'limit', 1) ?? 100;
      return url !== undefined ? requestJson(url, 'GET', `${path}/parked?limit=${limit}`, undefined, apiKey, [200]) : { parked: store!.groups.parked(name!, { limit }) };
    }
    case 'replay':
      return url !== undefined ? requestJson(url, 'POST', `${path}/parked/replay`, undefined, apiKey, [200]) : { replayed: await store!.groups.replayParked(name!) };
  }
}

const groups: Command = {
  name: 'groups',
  help: `Usage: sluice groups list
       sluice groups create <name> [--category <prefix>] [--stream <s>] [--type <t>] [--tag <tag>]
                                   [--from start|end|<offset>] [--max-deliveries <n>] [--ack-timeout <ms>]
       sluice groups info <name>
       sluice groups delete <name>
       sluice groups parked <name> [--limit <n>]
       sluice groups replay <name>

Consumer groups (persistent subscriptions): the server hands each matching record to one consumer and moves the
group's checkpoint past it once acknowledged (POST /groups/:group/read, /ack, /nack). list and info show the
checkpoint, lag, records in flight and parked; parked lists records given up after --max-deliveries; replay hands
them out again. Add --url to act through a running server; otherwise the store must not be held by one.

  --json             print JSON instead of a table (list)
  --url <server>     act through the server at this URL
  --api-key <key>    API key for --url (default: SLUICE_API_KEY)`,
  options: {
    stream: { type: 'string' }, category: { type: 'string' }, type: { type: 'string' }, tag: { type: 'string' },
    from: { type: 'string' }, 'max-deliveries': { type: 'string' }, 'ack-timeout': { type: 'string' }, limit: { type: 'string' },
    json: { type: 'boolean' }, url: { type: 'string' }, 'api-key': { type: 'string' },
  },
  async run({ args, config, io, env }) {
    const [action, name, ...extra] = args.positionals;
    if (!ACTIONS.includes(action as Action)) throw usageError(`groups needs an action: ${ACTIONS.join(', ')}`);
    if (action !== 'list' && name === undefined) throw usageError(`groups ${action} needs a <name>`);
    if (extra.length > 0 || (action === 'list' && name !== undefined)) throw usageError(`unexpected arguments: ${[...(action === 'list' ? [name] : []), ...extra].join(' ')}`);
    const url = stringOption(args.values, 'url');
    let answer: unknown;
    if (url !== undefined) {
      answer = await perform(action as Action, name, args.values, { url, apiKey: stringOption(args.values, 'api-key') ?? env.SLUICE_API_KEY });
    } else {
      // Fails naming the server (and its URL) when one holds the store: its groups live in its memory.
      await (await openLogWriter(config)).close();
      const store = await openStore({ dataDir: config.dataDir, fsync: config.fsync });
      try {
        answer = await perform(action as Action, name, args.values, { store });
      } finally {
        await store.close();
      }
    }
    if (action === 'list' && args.values.json !== true) {
      const rows = (answer as { groups: Record<string, unknown>[] }).groups;
      io.stdout.write(renderTable(['group', 'filter', 'checkpoint', 'lag bytes', 'in flight', 'ready', 'parked'], rows.map((g) => [
        String(g.name), JSON.stringify(g.filter), String(g.checkpoint), String(g.lagBytes), String(g.inFlight), String(g.ready), String(g.parked),
      ])));
      return 0;
    }
    io.stdout.write(`${JSON.stringify(answer)}\n`);
    return 0;
  },
};

export default groups;

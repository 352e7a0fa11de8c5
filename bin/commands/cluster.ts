// `sluice cluster status`: asks a running node (GET /cluster) for the JetStream stream (replicas, leader, last
// sequence) and the node's own position and lag, as a table or as JSON.
import type { ClusterStatus } from '../../core/cluster-api.js';
import { SluiceError } from '../../core/errors.js';
import { recordedServerUrl } from '../../config/server-address.js';
import { stringOption, usageError } from '../cli-args.js';
import type { Command } from '../command.js';
import { renderTable } from '../table.js';

async function fetchStatus(baseUrl: string, apiKey: string | undefined): Promise<ClusterStatus> {
  const url = new URL('cluster', baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
  let response: Response;
  try {
    response = await fetch(url, { headers: apiKey === undefined ? {} : { authorization: `Bearer ${apiKey}` } });
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new SluiceError('CLI_SERVER_UNREACHABLE', { url: baseUrl, reason: cause?.code ?? cause?.message ?? (err as Error).message });
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status === 404 && body.code === 'SLUICE_ERR_CLUSTER_NOT_ENABLED') throw new SluiceError('CLUSTER_NOT_ENABLED');
  if (response.status !== 200) throw new SluiceError('CLI_SERVER_FAILED', { url: baseUrl, status: response.status, reason: String(body.message ?? response.statusText) });
  return body as unknown as ClusterStatus;
}

function render(status: ClusterStatus): string {
  const { stream, node } = status;
  const lines = [
    `connected to  ${status.connectedTo ?? '(disconnected)'}`,
    stream === null
      ? `stream        unavailable: ${status.streamError ?? 'unknown'}`
      : `stream        ${stream.name}  R${stream.replicas}  leader ${stream.leader ?? '(none)'}  last sequence ${stream.lastSequence}  ${stream.messages} messages${status.streamError === undefined ? '' : `  (stale: ${status.streamError})`}`,
    `this node     applied ${node.appliedSequence}  lag ${node.lagMessages}  log end ${node.localEnd}  ${node.following ? (node.caughtUp ? 'following' : 'catching up') : `STOPPED: ${node.error ?? ''}`}`,
    '',
  ];
  if (stream !== null && stream.followers.length > 0) {
    lines.push(renderTable(['replica', 'current', 'last seen', 'lag'], stream.followers.map((f) => [f.name, f.current ? 'yes' : 'no', `${f.activeSeconds}s ago`, String(f.lag ?? '')])));
  }
  return lines.join('\n');
}

const cluster: Command = {
  name: 'cluster',
  help: `Usage: sluice cluster status [--url <server>] [--api-key <key>] [--json]

Shows the cluster a node belongs to: the JetStream stream (replicas, leader, last sequence) and the node's
applied sequence and lag (GET /cluster). Asks --url, else the server recorded in the data directory.

  --url <server>     the node to ask (e.g. http://127.0.0.1:7070)
  --api-key <key>    API key with the read scope (default: SLUICE_API_KEY)
  --json             print the status as JSON`,
  options: {
    url: { type: 'string' },
    'api-key': { type: 'string' },
    json: { type: 'boolean' },
  },
  async run({ args, config, io, env }) {
    const [sub, ...extra] = args.positionals;
    if (sub !== 'status') throw usageError(sub === undefined ? 'cluster needs a subcommand: status' : `unknown subcommand ${JSON.stringify(sub)}; the subcommands are: status`);
    if (extra.length > 0) throw usageError(`unexpected arguments: ${extra.join(' ')}`);
    const url = stringOption(args.values, 'url') ?? recordedServerUrl(config.dataDir) ?? `http://${config.host}:${config.port}`;
    const status = await fetchStatus(url, stringOption(args.values, 'api-key') ?? env.SLUICE_API_KEY);
    io.stdout.write(args.values.json === true ? `${JSON.stringify(status, null, 2)}\n` : render(status));
    return 0;
  },
};

export default cluster;

// `sluice serve`: the HTTP server. Flags override SLUICE_* env, which overrides the config file.
import { isSluiceError, SluiceError } from '../../core/errors.js';
import { clusterMode } from '../../config/cluster-config.js';
import { resolveConfig, type ServerConfigInput } from '../../config/config.js';
import { startServer } from '../../server/start.js';
import { stringOption, usageError } from '../cli-args.js';
import type { Command } from '../command.js';

const serve: Command = {
  name: 'serve',
  help: `Usage: sluice serve [--host <h>] [--port <p>] [--fsync fsync|batch|none] [--log-level <l>] [--max-body-bytes <n>]
                    [--nats <url[,url...]>] [--skip-damaged] [--retention-max-age-ms <ms>] [--retention-max-bytes <n>]

Runs the HTTP server on the data directory until SIGTERM or Ctrl-C (which close it gracefully).
Settings come from the config file, then SLUICE_* variables, then these flags.

  --host <h>              address to bind (SLUICE_HOST, default 127.0.0.1); any other address needs
                          API keys (SLUICE_API_KEYS or SLUICE_API_KEYS_FILE)
  --port <p>              port (SLUICE_PORT, default 7070; 0 picks a free one)
  --fsync <mode>          durability: fsync, batch or none (SLUICE_FSYNC, default fsync)
  --log-level <l>         fatal, error, warn, info, debug, trace or silent (SLUICE_LOG_LEVEL, default info)
  --max-body-bytes <n>    largest request body (SLUICE_MAX_BODY_BYTES, default 64 MiB)
  --nats <url[,url...]>   cluster mode: the log is replicated on these NATS servers' JetStream
                          (SLUICE_NATS_URL, or the config file's "cluster" section; docs/cluster.md)
  --skip-damaged          views pass over damaged log records instead of stalling before them; each
                          range skipped is listed in the view's status (SLUICE_VIEWS_SKIP_DAMAGED,
                          config "views": {"skipDamaged": true}; docs/operations.md, "A stalled view")
  --retention-max-age-ms <ms>
                          remove whole sealed log segments whose newest record is older than this
                          (SLUICE_RETENTION_MAX_AGE_MS; docs/operations.md, "Retention")
  --retention-max-bytes <n>
                          remove the oldest sealed log segments while the log holds more than this
                          (SLUICE_RETENTION_MAX_BYTES)`,
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    fsync: { type: 'string' },
    'log-level': { type: 'string' },
    'max-body-bytes': { type: 'string' },
    nats: { type: 'string' },
    'skip-damaged': { type: 'boolean' },
    'retention-max-age-ms': { type: 'string' },
    'retention-max-bytes': { type: 'string' },
  },
  async run({ args, config, io }) {
    if (args.positionals.length > 0) throw usageError(`unexpected arguments: ${args.positionals.join(' ')}`);
    const flags: Record<string, unknown> = {};
    for (const [flag, field] of [['host', 'host'], ['port', 'port'], ['fsync', 'fsync'], ['log-level', 'logLevel'], ['max-body-bytes', 'maxBodyBytes']] as const) {
      const value = stringOption(args.values, flag);
      if (value !== undefined) flags[field] = value;
    }
    const nats = stringOption(args.values, 'nats');
    if (nats !== undefined) flags.cluster = { servers: nats };
    if (args.values['skip-damaged'] === true) flags.views = { skipDamaged: true };
    const retention = { maxAgeMs: stringOption(args.values, 'retention-max-age-ms'), maxBytes: stringOption(args.values, 'retention-max-bytes') };
    if (retention.maxAgeMs !== undefined || retention.maxBytes !== undefined) flags.retention = Object.fromEntries(Object.entries(retention).filter(([, v]) => v !== undefined));
    let resolved;
    try {
      resolved = resolveConfig(flags as ServerConfigInput, config);
    } catch (err) {
      // A bad flag is a usage error that names the flag, not the config field.
      if (isSluiceError(err, 'CONFIG_INVALID')) throw usageError(`--${String(err.details.field).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^limits\./, '').replace(/^retention\./, 'retention-').replace(/^cluster\.servers$/, 'nats')} ${String(err.details.reason)}`);
      throw err;
    }
    process.on('unhandledRejection', (err) => {
      io.stderr.write(`sluice serve: unhandled rejection: ${(err as Error)?.stack ?? String(err)}\n`);
      process.exit(1);
    });
    try {
      const cluster = clusterMode(resolved.cluster) ?? null;
      // Loaded only in cluster mode, so a single node never loads the NATS client.
      const openClusterStore = cluster === null ? undefined : (await import('../../cluster/open-cluster-store.js')).openClusterStore;
      const running = await startServer(resolved, cluster === null ? {} : { openStore: (options) => openClusterStore!({ ...options, cluster }) });
      const mode = cluster === null ? '' : `, cluster stream ${cluster.stream} R${cluster.replicas} on ${cluster.servers.join(',')}`;
      io.stdout.write(`Sluice listening on ${running.url} (pid ${process.pid}, data ${resolved.dataDir}, fsync ${resolved.fsync}${mode})\n`);
    } catch (err) {
      if (isSluiceError(err, 'LOG_LOCKED')) throw new SluiceError('LOG_LOCKED', { ...err.details, dir: resolved.dataDir });
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        throw new SluiceError('CLI_LISTEN_FAILED', { address: `${resolved.host}:${resolved.port}`, reason: code });
      }
      throw err;
    }
    return 0;
  },
};

export default serve;

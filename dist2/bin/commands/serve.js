// `sluice serve`: the HTTP server. Flags override SLUICE_* env, which overrides the config file.
import { isSluiceError, SluiceError } from '../../core/errors.js';
import { resolveConfig } from '../../config/config.js';
import { startServer } from '../../server/start.js';
import { stringOption, usageError } from '../cli-args.js';
const serve = {
    name: 'serve',
    help: `Usage: sluice serve [--host <h>] [--port <p>] [--fsync fsync|batch|none] [--log-level <l>] [--max-body-bytes <n>]

Runs the HTTP server on the data directory until SIGTERM or Ctrl-C (which close it gracefully).
Settings come from the config file, then SLUICE_* variables, then these flags.

  --host <h>              address to bind (SLUICE_HOST, default 127.0.0.1); any other address needs
                          API keys (SLUICE_API_KEYS or SLUICE_API_KEYS_FILE)
  --port <p>              port (SLUICE_PORT, default 7070; 0 picks a free one)
  --fsync <mode>          durability: fsync, batch or none (SLUICE_FSYNC, default fsync)
  --log-level <l>         fatal, error, warn, info, debug, trace or silent (SLUICE_LOG_LEVEL, default info)
  --max-body-bytes <n>    largest request body (SLUICE_MAX_BODY_BYTES, default 64 MiB)`,
    options: {
        host: { type: 'string' },
        port: { type: 'string' },
        fsync: { type: 'string' },
        'log-level': { type: 'string' },
        'max-body-bytes': { type: 'string' },
    },
    async run({ args, config, io }) {
        if (args.positionals.length > 0)
            throw usageError(`unexpected arguments: ${args.positionals.join(' ')}`);
        const flags = {};
        for (const [flag, field] of [['host', 'host'], ['port', 'port'], ['fsync', 'fsync'], ['log-level', 'logLevel'], ['max-body-bytes', 'maxBodyBytes']]) {
            const value = stringOption(args.values, flag);
            if (value !== undefined)
                flags[field] = value;
        }
        let resolved;
        try {
            resolved = resolveConfig(flags, config);
        }
        catch (err) {
            // A bad flag is a usage error that names the flag, not the config field.
            if (isSluiceError(err, 'CONFIG_INVALID'))
                throw usageError(`--${String(err.details.field).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^limits\./, '')} ${String(err.details.reason)}`);
            throw err;
        }
        process.on('unhandledRejection', (err) => {
            io.stderr.write(`sluice serve: unhandled rejection: ${err?.stack ?? String(err)}\n`);
            process.exit(1);
        });
        try {
            const running = await startServer(resolved);
            io.stdout.write(`Sluice listening on ${running.url} (pid ${process.pid}, data ${resolved.dataDir}, fsync ${resolved.fsync})\n`);
        }
        catch (err) {
            if (isSluiceError(err, 'LOG_LOCKED'))
                throw new SluiceError('LOG_LOCKED', { ...err.details, dir: resolved.dataDir });
            const code = err.code;
            if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
                throw new SluiceError('CLI_LISTEN_FAILED', { address: `${resolved.host}:${resolved.port}`, reason: code });
            }
            throw err;
        }
        return 0;
    },
};
export default serve;
//# sourceMappingURL=serve.js.map
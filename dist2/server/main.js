// `node dist/server/main.js`: start the server from SLUICE_* environment variables (and the config file they name).
// Prints one line with the URL once it serves; exits non-zero on a start-up error or an unhandled rejection.
import { SluiceError } from '../core/errors.js';
import { loadConfig } from '../config/config.js';
import { startServer } from './start.js';
process.on('unhandledRejection', (err) => {
    console.error('sluice: unhandled rejection', err);
    process.exit(1);
});
try {
    const config = await loadConfig();
    const running = await startServer(config);
    process.stdout.write(`Sluice listening on ${running.url} (pid ${process.pid}, data ${config.dataDir}, fsync ${config.fsync})\n`);
}
catch (err) {
    const message = err instanceof SluiceError ? `${err.code}: ${err.message}` : String(err?.stack ?? err);
    console.error(`sluice: could not start: ${message}`);
    process.exit(1);
}
//# sourceMappingURL=main.js.map
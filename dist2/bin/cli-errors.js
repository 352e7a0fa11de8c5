// Turns what a command threw into a message on stderr and an exit code: 2 for usage errors, 1 for the rest.
// Every message ends with what to do next.
import { SluiceError } from '../core/errors.js';
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;
/** A next step for errors whose table message does not already say one. */
const HINTS = {
    SLUICE_ERR_LOG_NO_RECORD: 'offsets come from `sluice cat` (each record\'s "offset" and "next")',
    SLUICE_ERR_LOG_OFFSET_INVALID: 'offsets come from `sluice cat` (each record\'s "offset" and "next")',
    SLUICE_ERR_LOG_CORRUPT_RECORD: 'run `sluice verify` to list every damaged offset',
    SLUICE_ERR_LOG_FORMAT: 'check --data (or SLUICE_DATA_DIR) points at a Sluice data directory',
    SLUICE_ERR_CONFIG_INVALID: 'fix that setting in the config file (--config / SLUICE_CONFIG) or the SLUICE_* variable',
    SLUICE_ERR_STREAM_NOT_FOUND: 'list streams with `sluice cat` or GET /streams',
    SLUICE_ERR_VIEW_NOT_FOUND: 'list views with `sluice views`',
    SLUICE_ERR_PLUGIN_LOAD_FAILED: 'check the "plugins" list in the config file',
    SLUICE_ERR_PLUGIN_INVALID: 'check the "plugins" list in the config file',
};
export function reportError(err, command, stderr) {
    const prefix = command === undefined ? 'sluice' : `sluice ${command}`;
    if (err instanceof SluiceError) {
        if (err.code === 'SLUICE_ERR_CLI_USAGE') {
            stderr.write(`${prefix}: ${err.message}\nRun \`${prefix} --help\` for usage.\n`);
            return EXIT_USAGE;
        }
        const hint = HINTS[err.code];
        stderr.write(`${prefix}: ${err.message} [${err.code}]\n${hint === undefined ? '' : `Hint: ${hint}.\n`}`);
        return EXIT_FAILURE;
    }
    const e = err;
    if (e && typeof e.code === 'string' && typeof e.syscall === 'string') {
        stderr.write(`${prefix}: ${e.message}\nHint: check the path and its permissions.\n`);
        return EXIT_FAILURE;
    }
    stderr.write(`${prefix}: unexpected error: ${e?.stack ?? String(err)}\nPlease report this with the command you ran.\n`);
    return EXIT_FAILURE;
}
//# sourceMappingURL=cli-errors.js.map
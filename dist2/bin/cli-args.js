// Argument parsing shared by every command: util.parseArgs plus the options all commands take
// (--data/--data-dir, --config, --help) and strict value parsers that turn bad input into usage errors (exit 2).
import { parseArgs } from 'node:util';
import { SluiceError } from '../core/errors.js';
/** Options every command accepts. `append` uses `--data` for the event payload, so it only has `--data-dir`. */
export const COMMON_OPTIONS = {
    data: { type: 'string' },
    'data-dir': { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
};
export const COMMON_HELP = [
    '  --data <dir>      data directory (default: SLUICE_DATA_DIR, the config file, or ./data)',
    '  --data-dir <dir>  the same as --data',
    '  --config <file>   config file (default: SLUICE_CONFIG or ./sluice.config.{json,mjs,js})',
    '  -h, --help        show this help',
].join('\n');
export function usageError(reason) {
    return new SluiceError('CLI_USAGE', { reason });
}
export function parseCommandArgs(argv, options, commonOptions = COMMON_OPTIONS) {
    try {
        const { values, positionals } = parseArgs({
            args: [...argv],
            options: { ...commonOptions, ...options },
            allowPositionals: true,
            strict: true,
        });
        return { values: values, positionals };
    }
    catch (err) {
        // parseArgs explains what was wrong (unknown option, missing value); keep its words.
        throw usageError(err.message.replace(/\. To specify a positional argument.*$/s, ''));
    }
}
export function stringOption(values, name) {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
}
/** A non-negative integer option (offsets, counts); undefined when absent. */
export function integerOption(values, name, min = 0) {
    const raw = stringOption(values, name);
    if (raw === undefined)
        return undefined;
    return parseInteger(raw, `--${name}`, min);
}
export function parseInteger(raw, what, min = 0) {
    const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
    if (!Number.isSafeInteger(n) || n < min)
        throw usageError(`${what} must be an integer >= ${min} (got ${JSON.stringify(raw)})`);
    return n;
}
//# sourceMappingURL=cli-args.js.map
// Argument parsing shared by every command: util.parseArgs plus the options all commands take
// (--data/--data-dir, --config, --help) and strict value parsers that turn bad input into usage errors (exit 2).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SluiceError } from '../core/errors.js';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

export interface ParsedArgs {
  readonly values: OptionValues;
  readonly positionals: string[];
}

/** Options every command accepts. `append` uses `--data` for the event payload, so it only has `--data-dir`. */
export const COMMON_OPTIONS: OptionSpec = {
  data: { type: 'string' },
  'data-dir': { type: 'string' },
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

/** The help for --data-dir where it is the only data-directory option (append). */
export const DATA_DIR_ONLY_HELP = '  --data-dir <dir>  data directory (default: SLUICE_DATA_DIR, the config file, or ./data)';

export const COMMON_HELP = [
  '  --data <dir>      data directory (default: SLUICE_DATA_DIR, the config file, or ./data)',
  '  --data-dir <dir>  the same as --data',
  '  --config <file>   config file (default: SLUICE_CONFIG or ./sluice.config.{json,mjs,js})',
  '  -h, --help        show this help',
].join('\n');

export function usageError(reason: string): SluiceError {
  return new SluiceError('CLI_USAGE', { reason });
}

export function parseCommandArgs(argv: readonly string[], options: OptionSpec, commonOptions: OptionSpec = COMMON_OPTIONS): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...commonOptions, ...options },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as OptionValues, positionals };
  } catch (err) {
    // parseArgs explains what was wrong (unknown option, missing value); keep its words.
    throw usageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
}

export function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

/** A non-negative integer option (offsets, counts); undefined when absent. */
export function integerOption(values: OptionValues, name: string, min = 0): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  return parseInteger(raw, `--${name}`, min);
}

export function parseInteger(raw: string, what: string, min = 0): number {
  const n = /^\d+$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min) throw usageError(`${what} must be an integer >= ${min} (got ${JSON.stringify(raw)})`);
  return n;
}

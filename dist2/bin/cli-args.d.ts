import { type ParseArgsConfig } from 'node:util';
import { SluiceError } from '../core/errors.js';
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | string[] | undefined>;
export interface ParsedArgs {
    readonly values: OptionValues;
    readonly positionals: string[];
}
/** Options every command accepts. `append` uses `--data` for the event payload, so it only has `--data-dir`. */
export declare const COMMON_OPTIONS: OptionSpec;
export declare const COMMON_HELP: string;
export declare function usageError(reason: string): SluiceError;
export declare function parseCommandArgs(argv: readonly string[], options: OptionSpec, commonOptions?: OptionSpec): ParsedArgs;
export declare function stringOption(values: OptionValues, name: string): string | undefined;
/** A non-negative integer option (offsets, counts); undefined when absent. */
export declare function integerOption(values: OptionValues, name: string, min?: number): number | undefined;
export declare function parseInteger(raw: string, what: string, min?: number): number;

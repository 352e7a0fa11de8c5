import type { ServerConfig } from '../config/config.js';
import type { OptionSpec, ParsedArgs } from './cli-args.js';
export interface CommandIo {
    readonly stdin: NodeJS.ReadableStream & {
        isTTY?: boolean;
    };
    readonly stdout: NodeJS.WritableStream & {
        isTTY?: boolean;
        columns?: number;
    };
    readonly stderr: NodeJS.WritableStream & {
        isTTY?: boolean;
    };
}
export interface CommandContext {
    readonly args: ParsedArgs;
    /** The resolved configuration: defaults < config file < SLUICE_* env < --data/--config flags. */
    readonly config: ServerConfig;
    readonly dataDir: string;
    readonly io: CommandIo;
    readonly env: NodeJS.ProcessEnv;
}
export interface Command {
    readonly name: string;
    /** The usage line(s) and command-specific options, shown by `--help` (common options are appended). */
    readonly help: string;
    readonly options: OptionSpec;
    /** Replaces the common options (append, where --data is the payload). */
    readonly commonOptions?: OptionSpec;
    /** Resolves to the exit code: 0 ok, 1 failure; usage errors are thrown as SLUICE_ERR_CLI_USAGE (exit 2). */
    run(ctx: CommandContext): Promise<number>;
}

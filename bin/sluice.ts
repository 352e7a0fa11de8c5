#!/usr/bin/env node
// The `sluice` CLI: finds the command, parses its arguments, loads the configuration and runs it.
// Commands are loaded on demand so `sluice cat` never pays for Fastify or LMDB.
import { readFileSync } from 'node:fs';
import { COMMON_HELP, COMMON_OPTIONS, DATA_DIR_ONLY_HELP, parseCommandArgs, stringOption, usageError } from './cli-args.js';
import { loadCliConfig } from './cli-config.js';
import { EXIT_OK, EXIT_USAGE, reportError } from './cli-errors.js';
import type { Command, CommandIo } from './command.js';

const COMMANDS: Record<string, () => Promise<{ default: Command }>> = {
  serve: () => import('./commands/serve.js'),
  append: () => import('./commands/append.js'),
  command: () => import('./commands/command.js'),
  cat: () => import('./commands/cat.js'),
  get: () => import('./commands/get.js'),
  head: () => import('./commands/head.js'),
  read: () => import('./commands/read.js'),
  groups: () => import('./commands/groups.js'),
  views: () => import('./commands/views.js'),
  reindex: () => import('./commands/reindex.js'),
  verify: () => import('./commands/verify.js'),
  export: () => import('./commands/export.js'),
  import: () => import('./commands/import.js'),
  cluster: () => import('./commands/cluster.js'),
  delete: () => import('./commands/delete.js'),
  erase: () => import('./commands/erase.js'),
};

const SUMMARIES: Record<string, string> = {
  serve: 'run the HTTP server',
  append: 'append an event (or an NDJSON batch) to a stream',
  command: "run a plugin's command (--params <json>), offline or with --url",
  cat: 'print records as NDJSON (--follow to keep tailing)',
  get: 'print the record at an offset',
  head: "print a stream's last event",
  read: "print a stream's events, oldest or (--backward) newest first",
  groups: 'consumer groups: create, list, info, delete, parked',
  views: 'show the views (version, state, position, lag, rows, checksum); `views verify` compares them with a rebuild',
  reindex: 'rebuild views offline, beside a running server',
  verify: 'check every record of the log against its checksum',
  export: 'write records as NDJSON, to move or back up a store',
  import: 'append NDJSON records (from export) to the store',
  cluster: 'show a cluster node\'s stream, leader and lag (cluster status)',
  delete: 'soft-delete a stream (a tombstone; its reads answer 410)',
  erase: "erase records in place (a stream's, or by offset) and rebuild the views",
};

/** The common options' help for a command whose --data means something else (append): --data-dir stands alone. */
function commonHelpWithoutData(): string {
  return COMMON_HELP.split('\n').filter((l) => !l.includes('--data <dir>')).map((l) => (l.includes('--data-dir') ? DATA_DIR_ONLY_HELP : l)).join('\n');
}

/** The package's version, from the package.json beside dist/. */
function version(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

function topHelp(): string {
  const width = Math.max(...Object.keys(SUMMARIES).map((n) => n.length));
  return [
    'Usage: sluice <command> [options]',
    '',
    'Commands:',
    ...Object.entries(SUMMARIES).map(([name, summary]) => `  ${name.padEnd(width)}  ${summary}`),
    '',
    'Options for every command:',
    COMMON_HELP,
    '',
    '  -V, --version     print the version',
    '',
    'Run `sluice <command> --help` for a command\'s options.',
    '',
  ].join('\n');
}

export async function main(argv: readonly string[], io: CommandIo, env: NodeJS.ProcessEnv, cwd: string): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    io.stdout.write(`sluice ${version()}\n`);
    return EXIT_OK;
  }
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? io.stderr : io.stdout).write(topHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const load = COMMANDS[name];
  if (load === undefined) return reportError(usageError(`unknown command ${JSON.stringify(name)}; the commands are ${Object.keys(COMMANDS).join(', ')}`), undefined, io.stderr);
  try {
    const command = (await load()).default;
    const common = command.commonOptions ?? COMMON_OPTIONS;
    const args = parseCommandArgs(rest, command.options, common);
    if (args.values.help === true) {
      io.stdout.write(`${command.help.trimEnd()}\n\nOptions for every command:\n${command.commonOptions === undefined ? COMMON_HELP : commonHelpWithoutData()}\n`);
      return EXIT_OK;
    }
    const dataDir = stringOption(args.values, 'data-dir') ?? ('data' in common ? stringOption(args.values, 'data') : undefined);
    const config = await loadCliConfig({ config: stringOption(args.values, 'config'), dataDir }, env, cwd);
    return await command.run({ args, config, dataDir: config.dataDir, io, env });
  } catch (err) {
    return reportError(err, name, io.stderr);
  }
}

const code = await main(process.argv.slice(2), process, process.env, process.cwd());
// Let buffered stdout drain before exiting; long-running commands (serve, cat --follow) resolve only when done.
process.exitCode = code;

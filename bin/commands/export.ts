// `sluice export`: records as NDJSON between two offsets, in the format `sluice import` reads back.
import { integerOption, usageError } from '../cli-args.js';
import type { Command } from '../command.js';
import { openLogReader } from '../log-access.js';
import { OutputWriter } from '../output-writer.js';
import { damageReporter } from '../damage-report.js';
import { printRecords } from '../print-records.js';

const exportCommand: Command = {
  name: 'export',
  help: `Usage: sluice export [--from <offset>] [--to <offset>] > backup.ndjson

Writes records as NDJSON (stream, revision, type, ts, data, meta, tags), to move or back up a store:
\`sluice import\` reads the file back. Works while a server is running (the log is opened read-only).
Damaged records are passed over, each range named on stderr; the exit code is then 1 once every other record is out.

  --from <offset>   first record (default: the start of the log)
  --to <offset>     stop before the record at this offset (default: the end of the log)
  --until <offset>  the same as --to: archive the records below <offset> before retention or erasure removes them`,
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    until: { type: 'string' },
  },
  async run({ args, dataDir, io }) {
    if (args.positionals.length > 0) throw usageError(`unexpected arguments: ${args.positionals.join(' ')}`);
    const from = integerOption(args.values, 'from');
    const to = integerOption(args.values, 'to') ?? integerOption(args.values, 'until');
    if (args.values.to !== undefined && args.values.until !== undefined) throw usageError('give --to or --until, not both');
    const log = await openLogReader(dataDir);
    try {
      const damage = damageReporter('export', io.stderr);
      const count = await printRecords(log, new OutputWriter(io.stdout), { from: from ?? log.start, to, onDamage: damage.onDamage });
      io.stderr.write(`exported ${count} records\n`);
      return damage.finish();
    } finally {
      await log.close();
    }
  },
};

export default exportCommand;

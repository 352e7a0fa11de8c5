// `sluice cat`: records as NDJSON, one per line; works beside a running server (read-only) and can follow it.
import { checkFilter, frameMatcher } from '../../core/log/record-filter.js';
import { integerOption, stringOption } from '../cli-args.js';
import type { Command } from '../command.js';
import { openLogReader } from '../log-access.js';
import { interruptSignal, LogFollower } from '../log-follower.js';
import { OutputWriter } from '../output-writer.js';
import { damageReporter } from '../damage-report.js';
import { printRecords } from '../print-records.js';

const cat: Command = {
  name: 'cat',
  help: `Usage: sluice cat [--from <offset>] [--limit <n>] [--stream <s>] [--category <prefix>] [--type <t>] [--tag <tag>] [--follow]

Prints log records as NDJSON, one per line. Each record's "next" is the offset to continue from.
Works while a server is running on the same data directory (the log is opened read-only).
A damaged record does not stop it: a line on stderr names the damaged offsets, printing goes on after them,
and the exit code is 1 once done.

  --from <offset>   first record (default: the start of the log)
  --limit <n>       print at most n records
  --stream <s>      only records of stream s
  --category <p>    only records of streams whose name starts with p
  --type <t>        only records of type t
  --tag <tag>       only records carrying this tag
  -f, --follow      keep printing records as they are appended, until Ctrl-C`,
  options: {
    from: { type: 'string' },
    limit: { type: 'string' },
    stream: { type: 'string' },
    type: { type: 'string' },
    category: { type: 'string' },
    tag: { type: 'string' },
    follow: { type: 'boolean', short: 'f' },
  },
  async run({ args, dataDir, io }) {
    const stream = stringOption(args.values, 'stream');
    const type = stringOption(args.values, 'type');
    const limit = integerOption(args.values, 'limit');
    const from = integerOption(args.values, 'from');
    const filter = {
      ...(stream === undefined ? {} : { stream: Buffer.from(stream) }),
      ...(type === undefined ? {} : { type: Buffer.from(type) }),
    };
    // The same filter rule as GET /log (SLUICE_ERR_LOG_FILTER_INVALID for one that can match nothing).
    const match = frameMatcher(checkFilter({ stream, type, category: stringOption(args.values, 'category'), tag: stringOption(args.values, 'tag') }));
    const log = await openLogReader(dataDir);
    const interrupt = args.values.follow === true ? interruptSignal() : undefined;
    const follower = interrupt === undefined ? undefined : new LogFollower(log, dataDir, interrupt.signal);
    try {
      const damage = damageReporter('cat', io.stderr);
      await printRecords(log, new OutputWriter(io.stdout), { from: from ?? log.start, limit, filter, match, follower, onDamage: damage.onDamage });
      return damage.finish();
    } finally {
      follower?.close();
      interrupt?.dispose();
      await log.close();
    }
  },
};

export default cat;

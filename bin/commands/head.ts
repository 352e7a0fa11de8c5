// `sluice head <stream>`: the stream's last event. The log knows each stream's last revision without a scan;
// the record itself is found walking back from the end, which is quick for streams written recently.
import { SluiceError } from '../../core/errors.js';
import { usageError } from '../cli-args.js';
import type { Command } from '../command.js';
import { openLogReader } from '../log-access.js';
import { encodeNdjson } from '../../server/record-json.js';

const head: Command = {
  name: 'head',
  help: `Usage: sluice head <stream>

Prints the stream's last event as one JSON line.`,
  options: {},
  async run({ args, dataDir, io }) {
    if (args.positionals.length !== 1) throw usageError('head needs exactly one <stream>');
    const stream = args.positionals[0]!;
    const log = await openLogReader(dataDir);
    try {
      const revision = log.streamRevision(stream);
      if (revision === undefined) throw new SluiceError('STREAM_NOT_FOUND', { stream });
      for await (const record of log.readBackward()) {
        if (record.stream === stream && record.revision === revision) {
          io.stdout.write(encodeNdjson(record));
          return 0;
        }
      }
      throw new SluiceError('STREAM_NOT_FOUND', { stream });
    } finally {
      await log.close();
    }
  },
};

export default head;

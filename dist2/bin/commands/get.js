// `sluice get <offset>`: the one record at an offset, as a JSON line.
import { parseInteger, usageError } from '../cli-args.js';
import { openLogReader } from '../log-access.js';
import { encodeNdjson } from '../../core/wire/record-json.js';
const get = {
    name: 'get',
    help: `Usage: sluice get <offset>

Prints the record that starts at <offset> as one JSON line (offsets come from \`sluice cat\` or an append).`,
    options: {},
    async run({ args, dataDir, io }) {
        if (args.positionals.length !== 1)
            throw usageError('get needs exactly one <offset>');
        const offset = parseInteger(args.positionals[0], '<offset>');
        const log = await openLogReader(dataDir);
        try {
            io.stdout.write(encodeNdjson(log.readSync(offset)));
            return 0;
        }
        finally {
            await log.close();
        }
    },
};
export default get;
//# sourceMappingURL=get.js.map
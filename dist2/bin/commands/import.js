// `sluice import`: appends NDJSON records (as written by export or cat) to the store, keeping each event's
// stream, type, ts, data, meta and tags. Appends in atomic chunks; a bad line stops the import and names it.
import { createReadStream } from 'node:fs';
import { SluiceError } from '../../core/errors.js';
import { usageError } from '../cli-args.js';
import { openLogWriter } from '../log-access.js';
import { addToWrites, eventFromJson, readNdjson } from '../stdin-input.js';
const CHUNK_EVENTS = 5_000;
const importCommand = {
    name: 'import',
    help: `Usage: sluice import [<file>] < backup.ndjson

Appends NDJSON records (the output of \`sluice export\` or \`sluice cat\`) to the store, keeping each
record's stream, type, ts, data, meta and tags; revisions continue each stream's own.
Reads <file>, or stdin when no file is given. The server must not be running (import writes the log).`,
    options: {},
    async run({ args, config, io }) {
        if (args.positionals.length > 1)
            throw usageError('import takes at most one <file>');
        const file = args.positionals[0];
        if (file === undefined && io.stdin.isTTY)
            throw usageError('pipe NDJSON on stdin or name a <file>');
        const input = file === undefined ? io.stdin : createReadStream(file);
        const log = await openLogWriter(config);
        let imported = 0;
        const streams = new Set();
        try {
            let writes = [];
            let pending = 0;
            const flush = async () => {
                if (pending === 0)
                    return;
                await log.appendBatch(writes);
                imported += pending;
                writes = [];
                pending = 0;
            };
            for await (const { line, value } of readNdjson(input)) {
                const stream = value.stream;
                if (typeof stream !== 'string')
                    throw new SluiceError('CLI_INPUT_INVALID', { line, reason: 'needs a "stream"' });
                addToWrites(writes, stream, eventFromJson(value, line, { keepTs: true }));
                streams.add(stream);
                if (++pending >= CHUNK_EVENTS)
                    await flush();
            }
            await flush();
        }
        catch (err) {
            if (imported > 0)
                io.stderr.write(`sluice import: ${imported} records were imported before the failure; the rest were not.\n`);
            throw err;
        }
        finally {
            await log.close();
        }
        io.stderr.write(`imported ${imported} records into ${streams.size} streams\n`);
        return 0;
    },
};
export default importCommand;
//# sourceMappingURL=import.js.map
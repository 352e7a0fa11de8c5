// `sluice head <stream>`: the stream's last event. The `streams` view names its offset when it has caught up with
// that revision (any stream, at once); otherwise the record is found walking back from the log end.
import { SluiceError } from '../../core/errors.js';
import { openStore } from '../../store/open-store.js';
import { usageError } from '../cli-args.js';
import { assertStoreExists } from '../log-access.js';
import { encodeNdjson } from '../../core/wire/record-json.js';
const head = {
    name: 'head',
    help: `Usage: sluice head <stream>

Prints the stream's last event as one JSON line.`,
    options: {},
    async run({ args, dataDir, io }) {
        if (args.positionals.length !== 1)
            throw usageError('head needs exactly one <stream>');
        const stream = args.positionals[0];
        assertStoreExists(dataDir);
        const store = await openStore({ dataDir, readOnly: true });
        try {
            const revision = store.log.streamRevision(stream);
            if (revision === undefined)
                throw new SluiceError('STREAM_NOT_FOUND', { stream });
            const record = (await fromStreamsView(store.views.query.bind(store.views), stream, revision)) ?? (await walkBack(store.log.readBackward(), stream, revision));
            io.stdout.write(encodeNdjson(store.log.readSync(record)));
            return 0;
        }
        finally {
            await store.close();
        }
    },
};
/** The last event's offset from the `streams` view, when the view has applied it. */
async function fromStreamsView(query, stream, revision) {
    try {
        const summary = (await query('streams', 'get', { stream }));
        return summary.revision === revision ? summary.lastOffset : undefined;
    }
    catch {
        return undefined; // not indexed yet, rebuilding or failed: the log answers instead
    }
}
async function walkBack(records, stream, revision) {
    for await (const record of records) {
        if (record.stream === stream && record.revision === revision)
            return record.offset;
    }
    throw new SluiceError('STREAM_NOT_FOUND', { stream });
}
export default head;
//# sourceMappingURL=head.js.map
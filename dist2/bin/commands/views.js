// `sluice views`: every view with its version, state, position, lag, rows and size on disk, read from the views'
// metadata without taking the store (works beside a running server). Builds waiting to be served (from reindex)
// or under way are listed under their view.
import { readActive, listStorages, storageId } from '../../core/view-engine/view-meta.js';
import { openStore } from '../../store/open-store.js';
import { usageError } from '../cli-args.js';
import { assertStoreExists } from '../log-access.js';
import { formatBytes, renderTable } from '../table.js';
function sizeOf(dbs) {
    let rows = 0;
    let bytes = 0;
    for (const db of Object.values(dbs)) {
        const s = db.getStats();
        rows += s.entryCount ?? 0;
        bytes += ((s.treeBranchPageCount ?? 0) + (s.treeLeafPageCount ?? 0) + (s.overflowPages ?? 0)) * (s.pageSize ?? 4096);
    }
    return { rows, bytes };
}
const views = {
    name: 'views',
    help: `Usage: sluice views [--json]

Lists every view (first-party and the config file's plugins) with its code version, state, position
(offset of the last record applied), lag behind the log end, rows and size on disk. Builds that are not
serving yet (a reindex waiting for a server restart, or a rebuild under way) are listed under their view.

  --json    print the same as a JSON array`,
    options: {
        json: { type: 'boolean' },
    },
    async run({ args, config, dataDir, io }) {
        if (args.positionals.length > 0)
            throw usageError(`unexpected arguments: ${args.positionals.join(' ')}`);
        assertStoreExists(dataDir);
        const store = await openStore({ dataDir, readOnly: true, plugins: config.plugins });
        try {
            const end = store.log.end;
            const meta = store.viewStore.meta;
            const out = store.views.list().map(({ name }) => {
                const status = store.views.statusOf(name);
                const def = store.views.definitionOf(name);
                const active = readActive(meta, name);
                const storages = listStorages(meta, name);
                const activeMeta = storages.find((s) => s.build === active);
                const serving = activeMeta?.version === def.version ? activeMeta : undefined;
                const size = serving === undefined ? { rows: 0, bytes: 0 } : sizeOf(store.viewStore.dbsOf(storageId(serving), def.dbs));
                const builds = storages
                    .filter((s) => s.version === def.version && s.build > (serving?.build ?? 0))
                    .map((s) => ({
                    build: s.build,
                    state: s.state,
                    position: s.position,
                    lagBytes: Math.max(0, end - s.next),
                    builder: s.builder,
                    ...sizeOf(store.viewStore.dbsOf(storageId(s), def.dbs)),
                }));
                return {
                    name, version: def.version, state: status.state, serving: serving !== undefined, build: serving?.build ?? null,
                    // A server running older code serves another version's build: this code's version is not in service yet.
                    ...(activeMeta !== undefined && serving === undefined ? { servingVersion: activeMeta.version } : {}),
                    position: status.position,
                    lagBytes: status.lagBytes, lagRecords: status.lagRecords, rows: size.rows, sizeBytes: size.bytes, builds,
                    ...(status.error === undefined ? {} : { error: status.error }),
                };
            });
            if (args.values.json === true) {
                io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
                return 0;
            }
            const rows = [];
            for (const v of out) {
                const newestReady = v.builds.filter((b) => b.state === 'ready').pop();
                const building = v.builds.find((b) => b.state === 'building');
                const state = v.serving ? (v.state === 'rebuilding' ? 'ready, rebuilding' : v.state)
                    : newestReady !== undefined ? 'built, not served' : building !== undefined ? 'building' : 'not built';
                const note = v.error !== undefined ? `error at ${v.error.offset ?? '-'}: ${v.error.message}`
                    : !v.serving && newestReady !== undefined ? `a server start with this code serves build #${newestReady.build}`
                        : v.servingVersion !== undefined ? `v${v.servingVersion} is in service; \`sluice reindex ${v.name}\`, then restart the server` : '';
                rows.push([v.name, String(v.version), state, v.position === null ? '-' : String(v.position), formatBytes(v.lagBytes),
                    v.serving ? String(v.rows) : '-', v.serving ? formatBytes(v.sizeBytes) : '-', note]);
                for (const b of v.builds) {
                    const what = b.state === 'ready' ? (b === newestReady ? 'served after the next server start' : 'superseded') : b.state === 'building' ? 'under way' : 'failed';
                    rows.push([`  build #${b.build}`, '', b.state, b.position === null ? '-' : String(b.position), formatBytes(b.lagBytes), String(b.rows), formatBytes(b.bytes), `${what} (${b.builder})`]);
                }
            }
            io.stdout.write(renderTable(['VIEW', 'VERSION', 'STATE', 'POSITION', 'LAG', 'ROWS', 'SIZE', 'NOTE'], rows));
            io.stdout.write(`log end: ${end}\n`);
            return 0;
        }
        finally {
            await store.close();
        }
    },
};
export default views;
//# sourceMappingURL=views.js.map
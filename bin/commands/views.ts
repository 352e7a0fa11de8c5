// `sluice views`: every view with its version, state, position, lag, rows and size on disk, read from the views'
// metadata without taking the store (works beside a running server). Builds waiting to be served (from reindex)
// or under way are listed under their view.
import { readActive, listStorages, storageId, type StorageMeta } from '../../core/view-engine/view-meta.js';
import type { ViewDbs } from '../../core/view-engine/view-definition.js';
import { openStore } from '../../store/open-store.js';
import { usageError } from '../cli-args.js';
import type { Command } from '../command.js';
import { assertStoreExists } from '../log-access.js';
import { formatBytes, renderTable } from '../table.js';
import { runSkipDamaged } from '../views-skip-damaged.js';
import { runVerify } from '../views-verify.js';

interface DbStats {
  entryCount?: number;
  pageSize?: number;
  treeBranchPageCount?: number;
  treeLeafPageCount?: number;
  overflowPages?: number;
}

function sizeOf(dbs: ViewDbs): { rows: number; bytes: number } {
  let rows = 0;
  let bytes = 0;
  for (const db of Object.values(dbs)) {
    const s = db.getStats() as DbStats;
    rows += s.entryCount ?? 0;
    bytes += ((s.treeBranchPageCount ?? 0) + (s.treeLeafPageCount ?? 0) + (s.overflowPages ?? 0)) * (s.pageSize ?? 4096);
  }
  return { rows, bytes };
}

const views: Command = {
  name: 'views',
  help: `Usage: sluice views [--json]
       sluice views verify <view>... | --all [--determinism] [--json]
       sluice views skip-damaged <view> [--url <server>] [--json]

Lists every view (first-party and the config file's plugins) with its code version, state, position
(offset of the last record applied), lag behind the log end, rows, size on disk and the checksum of its
rows (equal on two builds or two nodes at the same position when their rows are equal). Builds that are not
serving yet (a reindex waiting for a server restart, or a rebuild under way) are listed under their view.

  --json    print the same as a JSON array

\`views verify\` rebuilds each view from the log into scratch storage beside the live one (under
<data>/views-scratch, removed afterwards), up to the live build's position, and compares every row. It
works beside a running server. Exit 0 when every view equals its rebuild; otherwise exit 1 and print, per
view, the count of differing rows and the first one: sub-database, key, live and rebuilt values.

  --all           verify every view
  --determinism   instead, apply the whole log twice in scratch stores (one record per transaction, then
                  later with the clock a day ahead and varying batch sizes) and report a view whose rows
                  differ, naming the first record (or batch) where they did
  --json          print the reports as a JSON array (progress goes to stderr)

\`views skip-damaged\` lets a view that is stalled before a damaged log record (state "stalled") pass over
damaged records: each range skipped is listed in the view's status ("skipped") and kept with the view.
Offline it opens the store and waits for the view to catch up; while a server holds the store, give --url
(and --api-key, an admin key; default SLUICE_API_KEY). Exit 1 if the view is still stalled or failed.`,
  options: {
    json: { type: 'boolean' },
    all: { type: 'boolean' },
    determinism: { type: 'boolean' },
    url: { type: 'string' },
    'api-key': { type: 'string' },
  },
  async run({ args, config, dataDir, io, env }) {
    const [sub, ...names] = args.positionals;
    if (sub === 'skip-damaged') {
      if (names.length !== 1) throw usageError('name the one view to let pass over damaged records: sluice views skip-damaged <view>');
      const url = typeof args.values.url === 'string' ? args.values.url : undefined;
      if (url === undefined) assertStoreExists(dataDir);
      const apiKey = typeof args.values['api-key'] === 'string' ? args.values['api-key'] : env.SLUICE_API_KEY;
      return runSkipDamaged(config, io, { view: names[0]!, url, apiKey, json: args.values.json === true });
    }
    if (sub !== undefined && sub !== 'verify') throw usageError(`unexpected arguments: ${args.positionals.join(' ')} (did you mean \`sluice views verify ${args.positionals.join(' ')}\`?)`);
    if (sub === undefined && (args.values.all === true || args.values.determinism === true)) throw usageError('--all and --determinism go with `sluice views verify`');
    if (sub === 'verify') {
      if (args.values.all !== true && names.length === 0) throw usageError('name the views to verify, or give --all (`sluice views` lists them)');
      if (args.values.all === true && names.length > 0) throw usageError('give view names or --all, not both');
    }
    assertStoreExists(dataDir);
    const store = await openStore({ dataDir, readOnly: true, plugins: config.plugins });
    if (sub === 'verify') {
      try {
        const all = args.values.all === true ? store.views.list().map((v) => v.name) : [...new Set(names)];
        return await runVerify(store, io, { names: all, determinism: args.values.determinism === true, json: args.values.json === true });
      } finally {
        await store.close();
      }
    }
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
          .map((s: StorageMeta) => ({
            build: s.build,
            state: s.state,
            position: s.position,
            lagBytes: Math.max(0, end - s.next),
            builder: s.builder,
            checksum: s.checksum ?? null,
            ...sizeOf(store.viewStore.dbsOf(storageId(s), def.dbs)),
          }));
        return {
          name, version: def.version, state: status.state, serving: serving !== undefined, build: serving?.build ?? null,
          // A server running older code serves another version's build: this code's version is not in service yet.
          ...(activeMeta !== undefined && serving === undefined ? { servingVersion: activeMeta.version } : {}),
          position: status.position, from: status.from, checksum: serving?.checksum ?? null,
          lagBytes: status.lagBytes, lagRecords: status.lagRecords, rows: size.rows, sizeBytes: size.bytes, builds,
          ...(status.error === undefined ? {} : { error: status.error }),
          ...(status.skipped === undefined ? {} : { skipped: status.skipped }),
        };
      });
      if (args.values.json === true) {
        io.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
        return 0;
      }
      const rows: string[][] = [];
      for (const v of out) {
        const newestReady = v.builds.filter((b) => b.state === 'ready').pop();
        const building = v.builds.find((b) => b.state === 'building');
        const state = v.state === 'stalled' ? (v.serving ? 'ready, stalled' : 'stalled') : v.serving ? (v.state === 'rebuilding' ? 'ready, rebuilding' : v.state)
          : newestReady !== undefined ? 'built, not served' : building !== undefined ? 'building' : 'not built';
        const note = v.state === 'stalled' ? `stalled before damaged offset ${v.error?.offset ?? '-'}: ${v.error?.message ?? ''}; \`sluice views skip-damaged ${v.name}\``
          : v.error !== undefined ? `error at ${v.error.offset ?? '-'}: ${v.error.message}`
          : !v.serving && newestReady !== undefined ? `a server start with this code serves build #${newestReady.build}`
          : v.servingVersion !== undefined ? `v${v.servingVersion} is in service; \`sluice reindex ${v.name}\`, then restart the server`
          : v.skipped !== undefined ? `${v.skipped.length} damaged range(s) of log skipped (--json lists them)`
          : v.from > 0 ? `covers the log from offset ${v.from} (retention removed what lay before)` : '';
        rows.push([v.name, String(v.version), state, v.position === null ? '-' : String(v.position), formatBytes(v.lagBytes),
          v.serving ? String(v.rows) : '-', v.serving ? formatBytes(v.sizeBytes) : '-', v.checksum ?? '-', note]);
        for (const b of v.builds) {
          const what = b.state === 'ready' ? (b === newestReady ? 'served after the next server start' : 'superseded') : b.state === 'building' ? 'under way' : 'failed';
          rows.push([`  build #${b.build}`, '', b.state, b.position === null ? '-' : String(b.position), formatBytes(b.lagBytes), String(b.rows), formatBytes(b.bytes), b.checksum ?? '-', `${what} (${b.builder})`]);
        }
      }
      io.stdout.write(renderTable(['VIEW', 'VERSION', 'STATE', 'POSITION', 'LAG', 'ROWS', 'SIZE', 'CHECKSUM', 'NOTE'], rows));
      io.stdout.write(store.log.start > 0 ? `log start: ${store.log.start} (retention removed the records before it), log end: ${end}\n` : `log end: ${end}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};

export default views;

// Shared plumbing for the view suites: stores that are always closed, temp directories, row dumps of a view's
// storage, and the reference every check compares against: a fresh fold of the log into a brand-new LMDB env.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/open-store.js';
import { createStorage } from '../../core/view-engine/view-meta.js';
import { applyBatch, readLogBatch } from '../../core/view-engine/view-runner.js';
import { ViewStorage } from '../../core/view-engine/view-storage.js';
import { ViewStore } from '../../core/view-engine/view-store.js';
export function useViewTestKit() {
    const dirs = [];
    const stores = [];
    afterEach(async () => {
        for (const store of stores.splice(0))
            await store.close().catch(() => undefined);
        for (const dir of dirs.splice(0))
            rmSync(dir, { recursive: true, force: true });
    });
    return {
        dir() {
            const dir = mkdtempSync(join(tmpdir(), 'sluice-view-test-'));
            dirs.push(dir);
            return dir;
        },
        async open(options) {
            const store = await openStore({ fsync: 'none', ...options });
            stores.push(store);
            return store;
        },
    };
}
/** Every row of every sub-database of a storage, in key order. */
export function dumpRows(storage) {
    const rows = {};
    for (const [name, db] of Object.entries(storage.dbs)) {
        rows[name] = [...db.getRange()].map(({ key, value }) => [key, value]);
    }
    return rows;
}
/** The rows `def` produces from the log's records up to and including `position`, built in a fresh environment. */
export async function foldRows(def, log, position) {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-fold-'));
    const store = ViewStore.open(dir);
    try {
        const meta = store.write(() => createStorage(store.meta, def.name, def.version, log.start, 'fold'));
        const storage = new ViewStorage(def, meta, store);
        let from = log.start;
        while (position !== null && from <= position) {
            const batch = readLogBatch(log, from, { records: 4096, bytes: 4 << 20 });
            const records = batch.records.filter((r) => r.offset <= position);
            if (records.length === 0)
                break;
            const [outcome] = applyBatch(store, [storage], { records, next: records[records.length - 1].next }, Infinity);
            if (outcome?.kind !== 'applied')
                throw new Error(`fold of ${def.name} did not apply: ${outcome?.kind}`);
            storage.meta = outcome.meta;
            from = storage.meta.next;
        }
        return dumpRows(storage);
    }
    finally {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
    }
}
/** The storage serving `view`, failing the test when there is none. */
export function servingOf(store, view) {
    const { serving } = store.views.storagesOf(view);
    expect(serving, `${view} has a serving storage`).to.not.equal(undefined);
    return serving;
}
/** Asserts the view's serving rows equal a fresh fold of the log up to its recorded position. */
export async function expectMatchesFold(store, def) {
    const storage = servingOf(store, def.name);
    expect(dumpRows(storage), `${def.name} rows at position ${storage.meta.position}`).to.deep.equal(await foldRows(def, store.log, storage.meta.position));
}
/** A copy of `def` whose apply throws on records `when` picks (checked at apply time, so tests can switch it off). */
export function throwing(def, when) {
    return {
        ...def,
        apply(record, ctx) {
            def.apply(record, ctx);
            if (when(record))
                throw new Error(`boom at ${record.offset}`);
        },
    };
}
export async function appendAll(store, writes, per = 50) {
    let last = -1;
    for (let i = 0; i < writes.length; i += per)
        last = (await store.appendBatch(writes.slice(i, i + per))).lastOffset;
    return last;
}
//# sourceMappingURL=view-test-kit.js.map
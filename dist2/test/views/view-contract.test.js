// The view contract, one suite factory run against every view kind and every first-party view's code.
// Each case is loaded under the name `subject` (beside the real first-party views) so its version can be bumped.
import { expect } from 'chai';
import { cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openFileLog } from '../../core/log/file-log.js';
import { listStorages } from '../../core/view-engine/view-meta.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { streamsView } from '../../views/streams-view.js';
import { tagsView } from '../../views/tags-view.js';
import { typesView } from '../../views/types-view.js';
import { accountIndex, balances, bankWrites, total } from '../helpers/bank-views.js';
import { expectCode } from '../helpers/log-test-kit.js';
import { SeededRandom } from '../helpers/seeded-random.js';
import { appendAll, dumpRows, expectMatchesFold, foldRows, servingOf, throwing, useViewTestKit } from '../helpers/view-test-kit.js';
const SUBJECT = 'subject';
const CASES = [
    { kind: 'index view', make: (version) => accountIndex(version, SUBJECT), probe: { query: 'records', params: { key: 'acct-1' } } },
    { kind: 'keyed state view', make: (version) => balances(version, SUBJECT), probe: { query: 'get', params: { key: 'acct-1' } } },
    { kind: 'reducer view', make: (version) => total(version, SUBJECT), probe: { query: 'get', params: {} } },
    { kind: 'streams view', make: (version) => ({ ...streamsView(), name: SUBJECT, version }), probe: { query: 'get', params: { stream: 'acct-1' } } },
    { kind: 'types view', make: (version) => ({ ...typesView(), name: SUBJECT, version }), probe: { query: 'records', params: { type: 'deposit' } } },
    { kind: 'tags view', make: (version) => ({ ...tagsView(), name: SUBJECT, version }), probe: { query: 'records', params: { tag: 'vip' } } },
];
const FIRST_PARTY = [streamsView(), typesView(), tagsView()];
function viewContract(view) {
    describe(view.kind, () => {
        const kit = useViewTestKit();
        const open = (dataDir, def) => kit.open({ dataDir, plugins: [definePlugin({ name: 'contract', views: [def] })] });
        it('builds incrementally to exactly the rows of a rebuild from scratch', async () => {
            const def = view.make(1);
            const store = await open(kit.dir(), def);
            const random = new SeededRandom(7);
            const writes = bankWrites(400, 7);
            for (let i = 0; i < writes.length;) {
                const n = random.int(1, 40);
                const { lastOffset } = await store.appendBatch(writes.slice(i, i + n));
                i += n;
                await store.views.waitFor(SUBJECT, lastOffset, 5000);
                if (random.chance(0.2))
                    await expectMatchesFold(store, def);
            }
            const incremental = dumpRows(servingOf(store, SUBJECT));
            const position = servingOf(store, SUBJECT).meta.position;
            await store.views.rebuild(SUBJECT);
            await store.views.idle();
            expect(store.views.statusOf(SUBJECT).state).to.equal('ready');
            expect(servingOf(store, SUBJECT).meta.position).to.equal(position);
            expect(dumpRows(servingOf(store, SUBJECT))).to.deep.equal(incremental);
            expect(incremental).to.deep.equal(await foldRows(def, store.log, position));
            for (const firstParty of FIRST_PARTY)
                await expectMatchesFold(store, firstParty);
        });
        it('rebuilds from the start when its version changes, and drops the old version', async () => {
            const dataDir = kit.dir();
            const v1 = await open(dataDir, view.make(1));
            await appendAll(v1, bankWrites(300, 3));
            await v1.views.idle();
            const old = servingOf(v1, SUBJECT).id;
            await v1.close();
            const v2def = view.make(2);
            const v2 = await open(dataDir, v2def);
            expect(v2.views.statusOf(SUBJECT)).to.include({ version: 2 });
            await v2.views.idle();
            const status = v2.views.statusOf(SUBJECT);
            expect(status).to.include({ state: 'ready', version: 2, progress: 1, lagBytes: 0 });
            const storage = servingOf(v2, SUBJECT);
            expect(storage.meta.version).to.equal(2);
            expect(storage.id).to.not.equal(old);
            await expectMatchesFold(v2, v2def);
            expect(v2.viewStore.dbNamesOf(old)).to.deep.equal([]);
            expect(listStorages(v2.viewStore.meta, SUBJECT).map((s) => s.build)).to.deep.equal([storage.build]);
        });
        it('rebuilds from the start when its position is ahead of the log (the log lost its tail)', async () => {
            const dataDir = kit.dir();
            const saved = kit.dir();
            const def = view.make(1);
            let store = await open(dataDir, def);
            await appendAll(store, bankWrites(150, 5));
            await store.close();
            cpSync(join(dataDir, 'log'), join(saved, 'log'), { recursive: true });
            store = await open(dataDir, def);
            await appendAll(store, bankWrites(150, 6));
            await store.views.idle();
            const ahead = servingOf(store, SUBJECT).meta;
            await store.close();
            rmSync(join(dataDir, 'log'), { recursive: true });
            cpSync(join(saved, 'log'), join(dataDir, 'log'), { recursive: true });
            store = await open(dataDir, def);
            expect(ahead.next).to.be.greaterThan(store.log.end);
            await store.views.idle();
            const storage = servingOf(store, SUBJECT);
            expect(storage.build).to.be.greaterThan(ahead.build);
            expect(storage.meta.next).to.equal(store.log.end);
            await expectMatchesFold(store, def);
        });
        it('rebuilds when the log lost its tail and then grew past the view\'s position', async () => {
            const dataDir = kit.dir();
            const saved = kit.dir();
            const def = view.make(1);
            let store = await open(dataDir, def);
            await appendAll(store, bankWrites(100, 8));
            await store.close();
            cpSync(join(dataDir, 'log'), join(saved, 'log'), { recursive: true });
            store = await open(dataDir, def);
            await appendAll(store, bankWrites(50, 9));
            await store.views.idle();
            const old = servingOf(store, SUBJECT).meta;
            await store.close();
            rmSync(join(dataDir, 'log'), { recursive: true });
            cpSync(join(saved, 'log'), join(dataDir, 'log'), { recursive: true });
            const log = await openFileLog({ dir: join(dataDir, 'log'), fsync: 'none' });
            await appendAll(log, bankWrites(200, 10));
            expect(log.end).to.be.greaterThan(old.next);
            await log.close();
            store = await open(dataDir, def);
            await store.views.idle();
            expect(servingOf(store, SUBJECT).build).to.be.greaterThan(old.build);
            await expectMatchesFold(store, def);
        });
        it('commits nothing of a batch whose apply throws, marks the view failed, and recovers on rebuild', async () => {
            let armed = true;
            const def = view.make(1);
            const store = await open(kit.dir(), throwing(def, (record) => armed && record.type === 'boom'));
            await appendAll(store, bankWrites(60, 11));
            await store.views.idle();
            const before = dumpRows(servingOf(store, SUBJECT));
            const position = servingOf(store, SUBJECT).meta.position;
            const normal = (i) => ({ stream: `acct-${i}`, events: [{ type: 'deposit', data: { account: `acct-${i}`, amount: i }, tags: ['vip'] }] });
            const batch = await store.appendBatch([normal(1), normal(2), normal(3), { stream: 'acct-4', events: [{ type: 'boom', data: { account: 'acct-4', amount: 4 } }] }, normal(5)]);
            await store.views.idle();
            const status = store.views.statusOf(SUBJECT);
            expect(status.state).to.equal('failed');
            expect(status.error?.offset).to.equal(batch.offsets[3]);
            expect(status.position).to.equal(position);
            expect(dumpRows(servingOf(store, SUBJECT))).to.deep.equal(before);
            await store.views.waitFor('streams', batch.lastOffset, 5000);
            await expectCode(() => store.views.query(SUBJECT, view.probe.query, view.probe.params), 'SLUICE_ERR_VIEW_FAILED');
            await expectCode(() => store.views.waitFor(SUBJECT, batch.lastOffset, 5000), 'SLUICE_ERR_VIEW_FAILED');
            const later = await store.append('acct-9', { type: 'deposit', data: { account: 'acct-9', amount: 1 } });
            await store.views.waitFor('types', later.lastOffset, 5000);
            armed = false;
            await store.views.rebuild(SUBJECT);
            await store.views.idle();
            expect(store.views.statusOf(SUBJECT)).to.include({ state: 'ready', position: later.lastOffset });
            await expectMatchesFold(store, def);
            await store.views.query(SUBJECT, view.probe.query, view.probe.params);
        });
    });
}
describe('view contract', () => {
    for (const view of CASES)
        viewContract(view);
});
//# sourceMappingURL=view-contract.test.js.map
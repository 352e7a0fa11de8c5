// Views commit without syncing; an OS crash (seen as a new boot id) wipes them so they rebuild from the log,
// while a process crash in the same boot keeps them as they are.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ViewStore } from '../../core/view-engine/view-store.js';
import { expectCode } from '../helpers/log-test-kit.js';
import { useViewTestKit } from '../helpers/view-test-kit.js';
describe('view-crash-marker', () => {
    const kit = useViewTestKit();
    let previousBootIdFile;
    beforeEach(() => {
        previousBootIdFile = process.env.SLUICE_BOOT_ID_FILE;
    });
    afterEach(() => {
        if (previousBootIdFile === undefined)
            delete process.env.SLUICE_BOOT_ID_FILE;
        else
            process.env.SLUICE_BOOT_ID_FILE = previousBootIdFile;
    });
    function bootAs(dir, id) {
        const file = join(dir, 'boot_id');
        writeFileSync(file, `${id}\n`);
        process.env.SLUICE_BOOT_ID_FILE = file;
    }
    const markersIn = (viewsDir) => readdirSync(viewsDir).filter((name) => name.startsWith('unsynced.'));
    /** A row outside every view, to tell a kept environment from a wiped one. */
    async function plantSentinel(viewsDir) {
        const env = ViewStore.open(viewsDir);
        env.root.openDB({ name: 'sentinel' }).putSync('planted', true);
        await env.close();
    }
    async function hasSentinel(viewsDir) {
        const env = ViewStore.open(viewsDir);
        try {
            return env.root.openDB({ name: 'sentinel' }).get('planted') === true;
        }
        finally {
            await env.close();
        }
    }
    async function storeWithEvents(dataDir) {
        const store = await kit.open({ dataDir });
        const { lastOffset } = await store.append('acct-1', [{ type: 'deposit', data: { amount: 5 } }, { type: 'deposit', data: { amount: 7 } }]);
        await store.views.waitFor('streams', lastOffset, 5000);
        expect(markersIn(join(dataDir, 'views'))).to.have.length(1);
        await store.close();
        return lastOffset;
    }
    it('leaves no marker after a clean close', async () => {
        const dataDir = kit.dir();
        bootAs(dataDir, 'boot-a');
        await storeWithEvents(dataDir);
        expect(markersIn(join(dataDir, 'views'))).to.deep.equal([]);
    });
    it('keeps the views when the unsynced writer died in this boot (a process crash)', async () => {
        const dataDir = kit.dir();
        bootAs(dataDir, 'boot-a');
        const lastOffset = await storeWithEvents(dataDir);
        const viewsDir = join(dataDir, 'views');
        await plantSentinel(viewsDir);
        writeFileSync(join(viewsDir, 'unsynced.999999'), 'boot-a');
        const store = await kit.open({ dataDir });
        expect(store.views.statusOf('streams').position).to.equal(lastOffset);
        await store.close();
        expect(await hasSentinel(viewsDir)).to.equal(true);
    });
    it('wipes the views and rebuilds them from the log when the unsynced writer ran in an earlier boot', async () => {
        const dataDir = kit.dir();
        bootAs(dataDir, 'boot-a');
        const lastOffset = await storeWithEvents(dataDir);
        const viewsDir = join(dataDir, 'views');
        await plantSentinel(viewsDir);
        writeFileSync(join(viewsDir, 'unsynced.999999'), 'boot-a');
        bootAs(dataDir, 'boot-b');
        const store = await kit.open({ dataDir });
        expect(existsSync(join(viewsDir, 'unsynced.999999'))).to.equal(false);
        await store.views.waitFor('streams', lastOffset, 5000);
        expect(await store.views.query('streams', 'get', { stream: 'acct-1' })).to.include({ revision: 1, count: 2, lastOffset });
        await store.close();
        expect(await hasSentinel(viewsDir)).to.equal(false);
    });
    it('refuses readers and offline builders (SLUICE_ERR_VIEW_STORE_UNSYNCED) until a writer has rebuilt the views', async () => {
        const dataDir = kit.dir();
        bootAs(dataDir, 'boot-a');
        await storeWithEvents(dataDir);
        const viewsDir = join(dataDir, 'views');
        writeFileSync(join(viewsDir, 'unsynced.999999'), 'boot-a');
        bootAs(dataDir, 'boot-b');
        await expectCode(() => kit.open({ dataDir, readOnly: true }), 'SLUICE_ERR_VIEW_STORE_UNSYNCED');
        const writer = await kit.open({ dataDir });
        await writer.close();
        const reader = await kit.open({ dataDir, readOnly: true });
        expect(reader.views.statusOf('streams').state).to.equal('ready');
    });
    it('forgets the marker of a writer of this boot that died, once a new writer covers the views', async () => {
        const dataDir = kit.dir();
        bootAs(dataDir, 'boot-a');
        await storeWithEvents(dataDir);
        const viewsDir = join(dataDir, 'views');
        const dead = spawnSync(process.execPath, ['-e', '0']).pid;
        writeFileSync(join(viewsDir, `unsynced.${dead}`), 'boot-a');
        const store = await kit.open({ dataDir });
        expect(markersIn(viewsDir)).to.deep.equal([`unsynced.${process.pid}`]);
        await store.close();
        expect(markersIn(viewsDir)).to.deep.equal([]);
    });
    it('commits durably, leaving no marker, where the boot cannot be identified', async () => {
        const dataDir = kit.dir();
        process.env.SLUICE_BOOT_ID_FILE = join(dataDir, 'no-such-file');
        const store = await kit.open({ dataDir });
        const { lastOffset } = await store.append('s', { type: 't' });
        await store.views.waitFor('types', lastOffset, 5000);
        expect(markersIn(join(dataDir, 'views'))).to.deep.equal([]);
    });
});
//# sourceMappingURL=view-crash-marker.test.js.map
// hello-view: the smallest custom view, given events, counts them per type; it also serves over HTTP.
import { expect } from 'chai';
import { openStore } from '../../store/index.js';
import { buildApp } from '../../server/index.js';
import helloPlugin from '../../examples/hello-view/hello-view.js';
import { tempDir } from '../helpers/example-kit.js';
describe('examples/hello-view', () => {
    let dir;
    let store;
    beforeEach(async () => {
        dir = tempDir('sluice-hello-');
        store = await openStore({ dataDir: dir.path, fsync: 'none', plugins: [helloPlugin] });
    });
    afterEach(async () => {
        await store?.close();
        dir?.remove();
    });
    /** given `events` appended (in one batch, so one view transaction sees repeated types), when the view has applied them */
    async function given(events) {
        const { lastOffset } = await store.append('greetings', events);
        await store.views.waitFor('hello', lastOffset, 5_000);
    }
    context('#count', () => {
        it('counts the events of each type', async () => {
            await given([{ type: 'Hello' }, { type: 'Hello' }, { type: 'Bye' }, { type: 'Hello' }]);
            expect(await store.views.query('hello', 'count', { type: 'Hello' })).to.deep.equal({ type: 'Hello', count: 3 });
            expect(await store.views.query('hello', 'count', { type: 'Bye' })).to.deep.equal({ type: 'Bye', count: 1 });
        });
        it('answers 0 for a type it has not seen', async () => {
            await given([{ type: 'Hello' }]);
            expect(await store.views.query('hello', 'count', { type: 'Nope' })).to.deep.equal({ type: 'Nope', count: 0 });
        });
        it('keeps counting across batches', async () => {
            await given([{ type: 'Hello' }]);
            await given([{ type: 'Hello' }, { type: 'Hello' }]);
            expect(await store.views.query('hello', 'count', { type: 'Hello' })).to.deep.equal({ type: 'Hello', count: 3 });
        });
    });
    context('when served over HTTP', () => {
        it('answers GET /views/hello/count with read-your-writes', async () => {
            const app = buildApp({ store, config: { logLevel: 'silent' } });
            try {
                const { lastOffset } = await store.append('greetings', [{ type: 'Hello' }, { type: 'Hello' }]);
                const res = await app.inject({ url: `/views/hello/count?type=Hello&after=${lastOffset}` });
                expect(res.statusCode).to.equal(200);
                expect(res.json()).to.deep.equal({ type: 'Hello', count: 2 });
            }
            finally {
                await app.close();
            }
        });
    });
});
//# sourceMappingURL=hello-view.test.js.map
// hello-view: the smallest custom view, given events, counts them per type; it also serves over HTTP.
import { expect } from 'chai';
import { openStore, type SluiceStore } from '../../store/index.js';
import { buildApp } from '../../server/index.js';
import helloPlugin, { hello } from '../../examples/hello-view/hello-view.js';
import { viewSpec } from '../../testing/index.js';
import { tempDir, type TempDir } from '../helpers/example-kit.js';

describe('examples/hello-view', () => {
  let dir: TempDir;
  let store: SluiceStore;

  beforeEach(async () => {
    dir = tempDir('sluice-hello-');
    store = await openStore({ dataDir: dir.path, fsync: 'none', plugins: [helloPlugin] });
  });

  afterEach(async () => {
    await store?.close();
    dir?.remove();
  });

  // The view's behaviour as specs (sluice/testing): each runs in a temporary store of its own.
  context('#count', () => {
    it('counts the events of each type', async () => {
      const spec = viewSpec(helloPlugin).given([{ type: 'Hello' }, { type: 'Hello' }, { type: 'Bye' }, { type: 'Hello' }]);
      await spec.when('hello/count', { type: 'Hello' }).then({ type: 'Hello', count: 3 });
      await spec.when('hello/count', { type: 'Bye' }).then({ type: 'Bye', count: 1 });
    });

    it('answers 0 for a type it has not seen', () =>
      viewSpec(hello).given({ type: 'Hello' }).when('count', { type: 'Nope' }).then({ type: 'Nope', count: 0 }));

    it('keeps counting across streams and batches', () =>
      viewSpec(hello).given({ type: 'Hello', stream: 'a' }).given([{ type: 'Hello', stream: 'b' }, { type: 'Hello' }])
        .when('count', { type: 'Hello' }).then({ type: 'Hello', count: 3 }));

    it('refuses a query without its type', () =>
      viewSpec(hello).when('count', {}).thenThrows('SLUICE_ERR_VIEW_QUERY_INVALID'));
  });

  context('#last-of-type (a class view)', () => {
    it('answers the last record of a type through the log it was given', async () => {
      const { lastOffset } = await store.append('greetings', [{ type: 'Hello', data: { n: 1 } }, { type: 'Bye' }, { type: 'Hello', data: { n: 2 } }]);
      await store.views.waitFor('last-of-type', lastOffset, 5_000);
      const last = await store.views.query('last-of-type', 'get', { type: 'Hello' }) as { data: unknown; revision: number };
      expect(last).to.include({ revision: 2 });
      expect(last.data).to.deep.equal({ n: 2 });
      expect(await store.views.query('last-of-type', 'get', { type: 'Nope' })).to.equal(null);
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
      } finally {
        await app.close();
      }
    });
  });
});

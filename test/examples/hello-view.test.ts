// hello-view: the smallest custom view, given events, counts them per type; it also serves over HTTP.
import { expect } from 'chai';
import { openStore, type NewEvent, type SluiceStore } from '../../store/index.js';
import { buildApp } from '../../server/index.js';
import helloPlugin from '../../examples/hello-view/hello-view.js';
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

  /** given `events` appended (in one batch, so one view transaction sees repeated types), when the view has applied them */
  async function given(events: NewEvent[]): Promise<void> {
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

  context('#last-of-type (a class view)', () => {
    it('answers the last record of a type through the log it was given', async () => {
      await given([{ type: 'Hello', data: { n: 1 } }, { type: 'Bye' }, { type: 'Hello', data: { n: 2 } }]);
      await store.views.idle();
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

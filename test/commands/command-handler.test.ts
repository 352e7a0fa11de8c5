// commandHandler: load a stream's state, decide, append with the revision read, retry on conflict, bounded.
import { expect } from 'chai';
import { CommandConflictError, ConcurrencyError, isSluiceError } from '../../core/errors.js';
import type { LogRecord } from '../../core/log/event-log.js';
import { commandHandler, type CommandHandlerOptions } from '../../core/commands/command-handler.js';
import type { StateDefinition } from '../../core/commands/command-definition.js';
import type { SluiceStore } from '../../store/sluice-store.js';
import { keyedStateView } from '../../views/keyed-state-view.js';
import { useViewTestKit } from '../helpers/view-test-kit.js';

interface Tally { readonly total: number; readonly adds: number }

const tally: StateDefinition<Tally> = {
  initial: { total: 0, adds: 0 },
  evolve: (state, record: LogRecord) => (record.type === 'Added' ? { total: state.total + (record.data as { n: number }).n, adds: state.adds + 1 } : state),
};

const tallyView = keyedStateView<Tally>({ name: 'tallies', version: 1, key: 'stream', ...tally });

const added = (n: number) => ({ type: 'Added', data: { n } });

async function streamTypes(store: SluiceStore, stream: string): Promise<string[]> {
  const types: string[] = [];
  for await (const record of store.log.readForward(store.log.start)) if (record.stream === stream) types.push(record.type);
  return types;
}

describe('commandHandler', () => {
  const kit = useViewTestKit();

  for (const withView of [true, false]) {
    context(withView ? 'when a keyed state view folds the streams with the same evolve' : 'when no view folds the streams', () => {
      let store: SluiceStore;
      let options: CommandHandlerOptions<Tally>;
      beforeEach(async () => {
        store = await kit.open({ dataDir: kit.dir(), plugins: withView ? [{ name: 't', views: [tallyView] }] : [] });
        options = { store, ...tally };
      });

      it(`reads the state ${withView ? 'from the view' : 'by folding the stream'} and appends with the revision it read`, async () => {
        await store.append('t-1', [added(2), added(3), { type: 'Noted' }]);
        await store.append('other', added(100));
        const result = await commandHandler(options).handle('t-1', (state, ctx) => {
          expect(ctx).to.include({ stream: 't-1', revision: 2, attempt: 1 });
          return added(state.total * 10);
        });
        expect(result).to.include({ stream: 't-1', revision: 3, attempts: 1, source: withView ? 'view' : 'fold' });
        expect(result.state).to.deep.equal({ total: 5, adds: 2 });
        expect(result.types).to.deep.equal(['Added']);
        expect(result.revisions).to.deep.equal([3]);
        expect((await store.log.read(result.lastOffset!)).data).to.deep.equal({ n: 50 });
      });

      it('starts a new stream from the initial state, appending only if it still does not exist', async () => {
        await store.append('other', added(1));
        const result = await commandHandler(options).handle('t-new', (state, ctx) => {
          expect(ctx.revision).to.equal(null);
          expect(state).to.deep.equal(tally.initial);
          return [added(1), added(2)];
        });
        expect(result).to.include({ revision: 1, attempts: 1 });
        expect(result.revisions).to.deep.equal([0, 1]);
      });

      it('starts a soft-deleted stream over from the initial state, at the revision after its tombstone', async () => {
        await store.append('t-1', [added(2), added(3)]);
        await store.deleteStream('t-1');
        const result = await commandHandler(options).handle('t-1', (state, ctx) => {
          expect(ctx.revision).to.equal(2);
          expect(state).to.deep.equal(tally.initial);
          return added(7);
        });
        expect(result).to.include({ revision: 3, attempts: 1 });
        expect(result.state).to.deep.equal(tally.initial);
        const again = await commandHandler(options).handle('t-1', (state) => {
          expect(state).to.deep.equal({ total: 7, adds: 1 });
          return [];
        });
        expect(again).to.include({ revision: 3, attempts: 1 });
      });

      it('appends nothing when the decision returns no events', async () => {
        await store.append('t-1', added(4));
        const end = store.log.end;
        const result = await commandHandler(options).handle('t-1', () => []);
        expect(result).to.include({ revision: 0, lastOffset: null, attempts: 1 });
        expect(result.offsets).to.deep.equal([]);
        expect(store.log.end).to.equal(end);
      });

      it('lets a domain error reach the caller unchanged and writes nothing', async () => {
        await store.append('t-1', added(4));
        const end = store.log.end;
        const domain = new RangeError('not enough');
        const err = await commandHandler(options).handle('t-1', () => { throw domain; }).catch((e: unknown) => e);
        expect(err).to.equal(domain);
        expect(store.log.end).to.equal(end);
      });

      it('decides again on fresh state when another writer appended between its read and its append', async () => {
        await store.append('t-1', added(1));
        const seen: Array<{ total: number; revision: number | null }> = [];
        const result = await commandHandler(options).handle('t-1', async (state, ctx) => {
          seen.push({ total: state.total, revision: ctx.revision });
          if (ctx.attempt === 1) await store.append('t-1', added(10)); // a concurrent writer wins the race
          return added(-state.total);
        });
        expect(seen).to.deep.equal([{ total: 1, revision: 0 }, { total: 11, revision: 1 }]);
        expect(result).to.include({ attempts: 2, revision: 2 });
        expect((await store.log.read(result.lastOffset!)).data).to.deep.equal({ n: -11 });
      });

      it('gives up after maxAttempts conflicts with a CommandConflictError naming the attempts, writing nothing of its own', async () => {
        await store.append('t-1', added(1));
        let decisions = 0;
        const err = await commandHandler({ ...options, maxAttempts: 3, name: 'add' }).handle('t-1', async () => {
          decisions++;
          await store.append('t-1', { type: 'Interfered' });
          return { type: 'Mine' };
        }).catch((e: unknown) => e);
        expect(err).to.be.instanceOf(CommandConflictError);
        expect(isSluiceError(err, 'COMMAND_CONFLICT')).to.equal(true);
        expect((err as CommandConflictError).attempts).to.equal(3);
        expect((err as CommandConflictError).details).to.include({ stream: 't-1', attempts: 3, currentRevision: 3, command: 'add' });
        expect(decisions).to.equal(3);
        expect(await streamTypes(store, 't-1')).to.deep.equal(['Added', 'Interfered', 'Interfered', 'Interfered']);
      });

      it('with expectedRevision, runs only on that revision and fails at once, without retrying, when the stream moved', async () => {
        await store.append('t-1', added(1));
        const handler = commandHandler(options);
        let decisions = 0;
        const stale = await handler.handle('t-1', () => { decisions++; return added(1); }, { expectedRevision: 5 }).catch((e: unknown) => e);
        expect(stale).to.be.instanceOf(ConcurrencyError);
        expect(stale).to.include({ currentRevision: 0, expectedRevision: 5 });
        expect(decisions, 'no decision on a revision the caller did not see').to.equal(0);
        const raced = await handler.handle('t-1', async () => {
          await store.append('t-1', added(10));
          return added(1);
        }, { expectedRevision: 0 }).catch((e: unknown) => e);
        expect(isSluiceError(raced, 'STREAM_WRONG_EXPECTED_REVISION')).to.equal(true);
        expect(await handler.handle('t-1', () => added(2), { expectedRevision: 1 })).to.include({ revision: 2, attempts: 1 });
        expect(await handler.handle('t-new', () => added(2), { expectedRevision: 'no_stream' })).to.include({ revision: 0 });
      });

      it('never loses an update when many commands race on one stream', async () => {
        const handler = commandHandler({ ...options, maxAttempts: 100 });
        const results = await Promise.all(Array.from({ length: 30 }, (_, i) => handler.handle('t-hot', (state) => ({ type: 'Added', data: { n: 1 }, meta: { sawTotal: state.total, i } }))));
        expect(results.reduce((sum, r) => sum + r.attempts, 0), 'some commands retried').to.be.greaterThan(30);
        const seenTotals: number[] = [];
        for await (const record of store.log.readForward(store.log.start)) seenTotals.push((record.meta as { sawTotal: number }).sawTotal);
        // Each event was decided on exactly the events before it: no decision was made on stale state.
        expect(seenTotals).to.deep.equal(Array.from({ length: 30 }, (_, i) => i));
      });
    });
  }

  context('when the view is the source', () => {
    it('answers the same state as a fold of the stream, including streams whose state was reset', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: [{ name: 't', views: [tallyView] }] });
      const resetting: StateDefinition<Tally> = { initial: tally.initial, evolve: (s, r) => (r.type === 'Reset' ? undefined : tally.evolve(s, r, r.stream)) };
      const view = keyedStateView<Tally>({ name: 'resetting', version: 1, key: 'stream', ...resetting });
      const store2 = await kit.open({ dataDir: kit.dir(), plugins: [{ name: 'r', views: [view] }] });
      for (const s of [store, store2]) {
        await s.append('a', [added(1), added(2), { type: 'Reset' }, added(7)]);
        await s.append('b', added(5));
      }
      const viaView = commandHandler({ store: store2, ...resetting });
      const viaFold = commandHandler({ store: store2, ...resetting, stateFrom: 'fold' });
      for (const stream of ['a', 'b', 'missing']) {
        const [v, f] = [await viaView.handle(stream, () => []), await viaFold.handle(stream, () => [])];
        expect(v.source).to.equal('view');
        expect(f.source).to.equal('fold');
        expect({ state: v.state, revision: v.revision }, stream).to.deep.equal({ state: f.state, revision: f.revision });
      }
      expect((await viaView.handle('a', () => [])).state).to.deep.equal({ total: 7, adds: 1 });
    });

    it('folds instead when the view\'s storage was built before it kept revisions', async () => {
      const dataDir = kit.dir();
      const resetting: StateDefinition<Tally> = { initial: tally.initial, evolve: (s, r) => (r.type === 'Reset' ? undefined : tally.evolve(s, r, r.stream)) };
      // Version 1 of the view, keyed by a function: rows of state only.
      const before = await kit.open({ dataDir, plugins: [{ name: 't', views: [keyedStateView<Tally>({ name: 'tallies', version: 1, key: (r) => r.stream, ...resetting })] }] });
      await before.append('a', [added(1), added(2)]);
      await before.append('gone', [added(5), { type: 'Reset' }]);
      await before.views.waitFor('tallies', (await before.append('b', added(3))).lastOffset, 5_000);
      await before.close();
      // The same version keyed by stream serves the same storage, which has no revisions for those streams.
      const store = await kit.open({ dataDir, plugins: [{ name: 't', views: [keyedStateView<Tally>({ name: 'tallies', version: 1, key: 'stream', ...resetting })] }] });
      const handler = commandHandler({ store, ...resetting });
      expect(await handler.handle('a', () => [])).to.deep.include({ source: 'fold', revision: 1, state: { total: 3, adds: 2 } });
      expect(await handler.handle('gone', () => added(1))).to.deep.include({ source: 'fold', revision: 2 });
      expect(await handler.handle('new', () => added(1))).to.deep.include({ source: 'view', revision: 0 });
      expect(await handler.handle('new', () => [])).to.deep.include({ source: 'view', revision: 0, state: { total: 1, adds: 1 } });
    });

    it('folds instead when the view is keyed by stream but with another evolve', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: [{ name: 't', views: [tallyView] }] });
      await store.append('a', added(3));
      const other = commandHandler<Tally>({ store, initial: tally.initial, evolve: (s, r) => tally.evolve(s, r, r.stream) });
      expect(await other.handle('a', () => [])).to.include({ source: 'fold', revision: 0 });
    });
  });
});

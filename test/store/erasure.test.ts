// Erasure end to end through the store: the grep proof over the whole data directory (log segments, checkpoints,
// every LMDB file including pages LMDB freed), views repaired to equal a fresh fold, offsets and verify intact.
import { expect } from 'chai';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LogRecord } from '../../core/log/event-log.js';
import { isSluiceError } from '../../core/errors.js';
import type { SluiceStore } from '../../store/sluice-store.js';
import { keyedStateView } from '../../views/keyed-state-view.js';
import { indexView } from '../../views/index-view.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { expectMatchesFold, useViewTestKit } from '../helpers/view-test-kit.js';

/** Every file under `dir` (recursively) whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle);
  const hits: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hits.push(...filesContaining(path, needle));
    else if (readFileSync(path).includes(bytes)) hits.push(path);
  }
  return hits;
}

const profiles = keyedStateView<{ email: string | null }>({
  name: 'profiles',
  version: 1,
  key: (record) => record.stream,
  initial: { email: null },
  evolve: (state, record) => ({ email: (record.data as { email?: string } | null)?.email ?? state.email }),
});

const byEmail = indexView({
  name: 'by-email',
  version: 1,
  keyParam: 'email',
  keys: (record) => (record.data as { email?: string } | null)?.email,
});

const plugin = definePlugin({ name: 'people', views: [profiles, byEmail] });

async function seed(store: SluiceStore, secret: string): Promise<void> {
  // The secret appears in data, meta and tags of user-7's records, which sit in batches beside other streams.
  for (let i = 0; i < 40; i++) {
    const writes = [
      { stream: `user-${i}`, events: [{ type: 'registered', data: { email: `keep-${i}@example.org` } }] },
      ...(i % 10 === 7 ? [{ stream: 'user-7', events: [
        { type: 'email-changed', data: { email: `${secret}@example.org` }, meta: { ip: `${secret}-ip` }, tags: [`${secret}-tag`] },
        { type: 'note', data: { text: `${secret} in a note` } },
      ] }] : []),
    ];
    await store.appendBatch(writes);
  }
}

describe('store erasure', function () {
  const kit = useViewTestKit();

  context('when a stream holding a unique marker is erased', () => {
    it('leaves no byte of the marker anywhere in the data directory, while other data stays', async () => {
      const dataDir = kit.dir();
      const store = await kit.open({ dataDir, plugins: [plugin] });
      const secret = 'ZQXJ-erase-me-5b1f';
      await seed(store, secret);
      await store.views.idle();
      // The grep sees LMDB files and segments: before the erasure the marker is in both.
      const before = filesContaining(dataDir, secret);
      expect(before.some((p) => p.endsWith('.seg'))).to.equal(true);
      expect(before.some((p) => p.endsWith('data.mdb'))).to.equal(true);

      const report = await store.eraseStream('user-7');
      expect(report.erased).to.equal(store.log.streamRevision('user-7')! + 1);
      expect(filesContaining(dataDir, secret)).to.deep.equal([]);
      expect(filesContaining(dataDir, 'keep-31@example.org').length).to.be.greaterThan(1);
    });
  });

  context('when records are erased', () => {
    it('keeps every offset and next, reads the erased ones as markers, and verify finds no damage', async () => {
      const dataDir = kit.dir();
      const store = await kit.open({ dataDir, plugins: [plugin] });
      await seed(store, 'secret-a');
      const all: LogRecord[] = store.log.readBatch(store.log.start, { limit: 10_000 }).records;
      const targets = all.filter((r) => r.stream === 'user-7').map((r) => r.offset);
      await store.erase(targets);
      const after = store.log.readBatch(store.log.start, { limit: 10_000 }).records;
      expect(after.map((r) => [r.offset, r.next, r.stream, r.revision, r.type])).to.deep.equal(all.map((r) => [r.offset, r.next, r.stream, r.revision, r.type]));
      for (const record of after) {
        if (targets.includes(record.offset)) {
          expect(record).to.include({ erased: true, data: null, binary: false });
          expect(record.meta).to.equal(undefined);
          expect(record.tags).to.equal(undefined);
        } else {
          expect(record).to.deep.equal(all.find((r) => r.offset === record.offset));
        }
      }
      expect((await store.log.verify()).damaged).to.deep.equal([]);
    });

    it('repairs every view to equal a fresh fold of the erased log, and nothing derived from the records answers', async () => {
      const dataDir = kit.dir();
      const store = await kit.open({ dataDir, plugins: [plugin] });
      await seed(store, 'secret-b');
      await store.views.idle();
      expect(await store.views.query('by-email', 'records', { email: 'secret-b@example.org' })).to.have.nested.property('records.length', 4);
      await store.eraseStream('user-7');
      await store.views.idle();
      expect(await store.views.query('by-email', 'records', { email: 'secret-b@example.org' })).to.have.nested.property('records.length', 0);
      expect(await store.views.query('profiles', 'get', { key: 'user-7' }).catch((err: unknown) => err)).to.satisfy((err: unknown) => isSluiceError(err, 'VIEW_KEY_NOT_FOUND'));
      const stream = await store.views.query('streams', 'events', { stream: 'user-7' }) as { events: LogRecord[] };
      expect(stream.events).to.have.length(9);
      expect(stream.events.every((r) => r.erased === true)).to.equal(true);
      for (const name of ['streams', 'types', 'tags', 'profiles', 'by-email']) await expectMatchesFold(store, store.views.definitionOf(name));
      // Appends after the erasure reach the swapped-in views.
      const { lastOffset } = await store.append('user-7', { type: 'email-changed', data: { email: 'new@example.org' } });
      await store.views.waitFor('profiles', lastOffset, 10_000);
      expect(await store.views.query('profiles', 'get', { key: 'user-7' })).to.deep.include({ state: { email: 'new@example.org' } });
    });
  });

  context('when an erasure names an offset where no record starts', () => {
    it('answers SLUICE_ERR_LOG_NO_RECORD and erases nothing', async () => {
      const dataDir = kit.dir();
      const store = await kit.open({ dataDir, plugins: [plugin] });
      await seed(store, 'secret-c');
      const first = store.log.readSync(store.log.start);
      const err = await store.erase([first.offset, first.offset + 1]).catch((e: unknown) => e);
      expect(isSluiceError(err, 'LOG_NO_RECORD')).to.equal(true);
      expect(store.log.readSync(first.offset)).to.deep.equal(first);
      expect(filesContaining(dataDir, 'secret-c').length).to.be.greaterThan(0);
    });

    it('erases the records appended to the stream while its scan of the log was running', async () => {
      const store = await kit.open({ dataDir: kit.dir() });
      // ~6 MiB of other streams: the scan yields between 1 MiB slices, and appends land meanwhile.
      for (let i = 0; i < 12; i++) {
        await store.appendBatch(Array.from({ length: 500 }, (_, j) => ({ stream: `other-${j % 7}`, events: [{ type: 'T', data: { pad: 'x'.repeat(1000) } }] })));
      }
      await store.append('victim', [{ type: 'secret', data: { n: -1 } }]);
      const erasing = store.eraseStream('victim');
      const during: number[] = [];
      for (let n = 0; n < 3; n++) {
        await new Promise((resolve) => setImmediate(resolve)); // the scan has done one more slice
        during.push((await store.append('victim', [{ type: 'secret', data: { n } }])).lastOffset);
      }
      await erasing;
      for (const offset of during) expect(store.log.readSync(offset).erased, `the record at ${offset}`).to.equal(true);
    });

    it('answers SLUICE_ERR_STREAM_NOT_FOUND for an unknown stream', async () => {
      const store = await kit.open({ dataDir: kit.dir() });
      const err = await store.eraseStream('nobody').catch((e: unknown) => e);
      expect(isSluiceError(err, 'STREAM_NOT_FOUND')).to.equal(true);
    });
  });
});

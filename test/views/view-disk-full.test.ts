// A full disk under the views: the transaction that meets it commits nothing, the views report the stop in their
// status (SLUICE_ERR_VIEW_NO_SPACE, the offset they stopped at) and resume by themselves once writes succeed again,
// each record applied exactly once. The full disk is injected into the views' store writes (ENOSPC as LMDB reports it).
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileLog, type FileLog } from '../../core/log/file-log.js';
import { silentLogger } from '../../core/logger.js';
import { SluiceViewEngine } from '../../core/view-engine/view-engine.js';
import { ViewStore } from '../../core/view-engine/view-store.js';
import { typesView } from '../../views/types-view.js';
import { waitFor } from '../helpers/log-test-kit.js';

describe('view-engine on a full disk', () => {
  let dir: string;
  let log: FileLog;
  let store: ViewStore;
  let engine: SluiceViewEngine;
  let full: boolean;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-view-full-'));
    log = await openFileLog({ dir: join(dir, 'log'), fsync: 'none' });
    store = ViewStore.open(join(dir, 'views'), { writer: true });
    full = false;
    const write = store.write.bind(store);
    store.write = <T>(fn: () => T): T => {
      if (full) throw Object.assign(new Error('No space left on device'), { code: 28 });
      return write(fn);
    };
    engine = new SluiceViewEngine(log, store, silentLogger, {});
    engine.open([typesView()]);
  });

  afterEach(async () => {
    await engine.close();
    await store.close();
    await log.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports SLUICE_ERR_VIEW_NO_SPACE in the view status while full, and resumes by itself once space is back', async () => {
    await log.append('s', [{ type: 'a' }, { type: 'a' }]);
    await engine.idle();
    const before = engine.statusOf('types');
    expect(before.lagBytes).to.equal(0);
    full = true;
    await log.append('s', [{ type: 'a' }, { type: 'a' }, { type: 'a' }]);
    await waitFor(() => engine.statusOf('types').error?.code === 'SLUICE_ERR_VIEW_NO_SPACE', 5000, 'the view to report the full disk');
    const stopped = engine.statusOf('types');
    expect(stopped.error!.offset, 'the first record not applied').to.equal(await firstUnapplied());
    expect(stopped.lagBytes).to.be.greaterThan(0);
    expect(stopped.serving, 'queries keep answering from what the view has').to.equal(true);

    full = false;
    await waitFor(() => engine.statusOf('types').lagBytes === 0 && engine.statusOf('types').error === undefined, 10_000, 'the view to resume');
    const page = await engine.query('types', 'records', { type: 'a' }) as { records: { offset: number }[] };
    expect(page.records.map((r) => r.offset), 'every record once').to.have.length(5);
    expect(new Set(page.records.map((r) => r.offset)).size).to.equal(5);
  });

  /** The offset of the first record the view has not applied. */
  async function firstUnapplied(): Promise<number> {
    const { position } = engine.statusOf('types');
    return log.readBatch(position!, { limit: 1 }).next;
  }
});

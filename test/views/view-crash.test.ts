// A child process indexing a large-ish log (and appending to it) is SIGKILLed at random moments, across version
// changes that force rebuilds. After every kill, every storage of every view must equal a fresh fold of the log up
// to the position it recorded; at the end, a store opened normally catches up and matches the fold at the log end.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openFileLog } from '../../core/log/file-log.js';
import { openStore } from '../../store/open-store.js';
import type { ViewDefinition } from '../../core/view-engine/view-definition.js';
import { listStorages } from '../../core/view-engine/view-meta.js';
import { ViewStorage } from '../../core/view-engine/view-storage.js';
import { ViewStore } from '../../core/view-engine/view-store.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { streamsView } from '../../views/streams-view.js';
import { tagsView } from '../../views/tags-view.js';
import { typesView } from '../../views/types-view.js';
import { bankViews, bankWrites } from '../helpers/bank-views.js';
import { SeededRandom } from '../helpers/seeded-random.js';
import { appendAll, dumpRows, expectMatchesFold, foldRows } from '../helpers/view-test-kit.js';

const CHILD = fileURLToPath(new URL('../helpers/view-crash-child.js', import.meta.url));
const KILLS = Number(process.env.SLUICE_TEST_KILLS ?? 24);
const SEED = Number(process.env.SLUICE_TEST_SEED ?? Date.now() % 1_000_000);

function viewsAt(version: number): ViewDefinition[] {
  return [...bankViews(version), streamsView(), typesView(), tagsView()];
}

/** Starts the child and SIGKILLs it `delayMs` after it reports ready (or, with `early`, after it starts); `worker`: views on the round worker. */
async function runAndKill(dataDir: string, version: number, seed: number, delayMs: number, early: boolean, worker: boolean): Promise<void> {
  const child = spawn(process.execPath, [CHILD, dataDir, String(version), String(seed), worker ? 'worker' : 'inline'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(String(signal ?? code))));
  const started = early ? Promise.resolve() : new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => { if (chunk.toString().includes('ready')) resolve(); });
    void exited.then((how) => reject(new Error(`child exited (${how}) before it was ready: ${stderr}`)));
  });
  await started;
  // Fault injection timing, not a wait for a state: the kill lands wherever the child happens to be.
  await new Promise((resolve) => setTimeout(resolve, delayMs));
  child.kill('SIGKILL');
  expect(await exited, stderr).to.equal('SIGKILL');
}

/** Every storage of every view (serving, building, failed, old versions) equals a fold up to its position. */
async function expectEveryStorageMatchesFold(dataDir: string): Promise<number> {
  const log = await openFileLog({ dir: join(dataDir, 'log'), readOnly: true });
  const store = ViewStore.open(join(dataDir, 'views'));
  let checked = 0;
  try {
    for (const name of ['by-account', 'balances', 'total', 'streams', 'types', 'tags']) {
      for (const meta of listStorages(store.meta, name)) {
        const def = viewsAt(meta.version).find((v) => v.name === name)!;
        expect(meta.state, `${name} build ${meta.build}`).to.not.equal('failed');
        expect(meta.next, `${name} build ${meta.build} next`).to.be.at.most(log.end);
        const storage = new ViewStorage(def, meta, store);
        expect(dumpRows(storage), `${name} build ${meta.build} at ${meta.position}`).to.deep.equal(await foldRows(def, log, meta.position));
        checked++;
      }
    }
  } finally {
    await store.close();
    await log.close();
  }
  return checked;
}

describe('view engine under SIGKILL @slow', function () {
  this.timeout(120_000);
  let dataDir: string;
  beforeEach(() => { dataDir = mkdtempSync(join(tmpdir(), 'sluice-view-crash-')); });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it(`keeps every view equal to a fold of the log up to its position across ${KILLS} kills (seed ${SEED})`, async () => {
    const random = new SeededRandom(SEED);
    const log = await openFileLog({ dir: join(dataDir, 'log'), fsync: 'none' });
    await appendAll(log, bankWrites(6000, SEED), 500);
    await log.close();

    let version = 1;
    let storages = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      if (kill > 0 && kill % 6 === 0) version++;
      // Every other child applies its views on the round worker thread.
      await runAndKill(dataDir, version, SEED + kill, random.int(0, 300), random.chance(0.15), kill % 2 === 1);
      storages += await expectEveryStorageMatchesFold(dataDir);
    }
    expect(storages).to.be.greaterThan(KILLS);

    const store = await openStore({ dataDir, fsync: 'none', plugins: [definePlugin({ name: 'bank', views: bankViews(version) })] });
    try {
      await store.views.idle();
      for (const def of viewsAt(version)) {
        expect(store.views.statusOf(def.name)).to.include({ state: 'ready', version: def.version, lagBytes: 0 });
        await expectMatchesFold(store, def);
      }
    } finally {
      await store.close();
    }
  });
});

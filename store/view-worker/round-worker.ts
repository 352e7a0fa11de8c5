// The view round worker: a thread that applies view rounds for the engine on the main thread, so view transactions
// do not compete with request handling. It loads the same plugins, opens the log read-only and attaches to the
// views' LMDB environment; each round is `runRound`, bounded by the log end the engine saw (never past what was
// acknowledged). It keeps no state of its own between rounds but open handles: every storage's meta row comes with
// the request and the compare-and-set inside the transaction guards it, as between two processes.
import { parentPort, workerData } from 'node:worker_threads';
import { createStoreContainer } from '../../core/di.js';
import { openFileLog, type FileLog } from '../../core/log/file-log.js';
import { silentLogger } from '../../core/logger.js';
import { TOKENS } from '../../core/tokens.js';
import type { ViewDefinition } from '../../core/view-engine/view-definition.js';
import { storageId } from '../../core/view-engine/view-meta.js';
import { runRound, type RoundLog } from '../../core/view-engine/view-runner.js';
import { ViewStorage } from '../../core/view-engine/view-storage.js';
import { ViewStore } from '../../core/view-engine/view-store.js';
import { firstPartyPlugin } from '../../plugins/first-party-plugin.js';
import { loadPlugins } from '../../plugins/load-plugins.js';
import { resolveViews } from '../../plugins/resolve-views.js';
import { toWireError, toWireOutcome, type RoundRequest, type RoundWorkerSetup, type WorkerMessage } from './round-messages.js';

const port = parentPort!;
const setup = workerData as RoundWorkerSetup;
const post = (message: WorkerMessage): void => port.postMessage(message);

async function loadDefinitions(log: FileLog, store: ViewStore): Promise<Map<string, ViewDefinition>> {
  const plugins = await loadPlugins(setup.plugins, { baseDir: setup.pluginBaseDir });
  const child = createStoreContainer();
  child.register(TOKENS.Config, { useValue: { dataDir: setup.dataDir, readOnly: true } });
  child.register(TOKENS.Logger, { useValue: silentLogger });
  child.register(TOKENS.Log, { useValue: log });
  child.register(TOKENS.ViewStore, { useValue: store });
  const defs = resolveViews([...(setup.firstPartyViews ? [firstPartyPlugin()] : []), ...plugins], child);
  const loaded = defs.map((def) => `${def.name}@${def.version}`).sort().join(', ');
  const expected = [...setup.views].sort().join(', ');
  if (loaded !== expected) throw new Error(`the worker loaded views ${loaded}, the engine ${expected}`);
  return new Map(defs.map((def) => [def.name, def]));
}

let log: FileLog | undefined;
let store: ViewStore | undefined;
let defs: Map<string, ViewDefinition>;
try {
  log = await openFileLog({ dir: setup.logDir, readOnly: true });
  store = ViewStore.attach(setup.viewsPath, { noSync: setup.noSync });
  defs = await loadDefinitions(log, store);
  post({ kind: 'ready' });
} catch (err) {
  post({ kind: 'unavailable', reason: err instanceof Error ? err.message : String(err) });
  await log?.close();
  await store?.close();
  port.close();
}

/** The storages of the last round, by id: their sub-database handles stay open between rounds. */
let known = new Map<string, ViewStorage>();

function storagesOf(request: RoundRequest): ViewStorage[] {
  const next = new Map<string, ViewStorage>();
  const out = request.storages.map(({ view, meta, stuck, dropped }) => {
    const def = defs.get(view);
    if (def === undefined) throw new Error(`view ${view} is not loaded in the round worker`);
    const storage = known.get(storageId(meta)) ?? new ViewStorage(def, meta, store!);
    storage.meta = meta;
    storage.stuck = stuck;
    storage.dropped = dropped;
    next.set(storage.id, storage);
    return storage;
  });
  known = next;
  return out;
}

function round(request: RoundRequest): WorkerMessage {
  log!.followTo(request.logEnd);
  const bounded: RoundLog = {
    end: log!.end,
    readBatch: (from, options) => log!.readBatch(from, { ...options, until: request.logEnd }),
    damagedSpan: (offset) => log!.damagedSpan(offset),
  };
  const storages = storagesOf(request);
  const outcomes = runRound(store!, bounded, storages, request.limits, request.skipDamaged);
  return { kind: 'round', id: request.id, outcomes: outcomes.map((outcome) => toWireOutcome(outcome, storages)) };
}

port.on('message', (request: RoundRequest | { kind: 'close' }) => {
  if (request.kind === 'close') {
    void (async () => {
      await log?.close();
      await store?.close();
      post({ kind: 'closed' });
      port.close();
    })();
    return;
  }
  try {
    post(round(request));
  } catch (err) {
    post({ kind: 'failed', id: request.id, error: toWireError(err) });
  }
});

// The offline reindex: builds the current code version of views into new storages beside whatever serves them now,
// from a read-only log, so it can run while a server writes the same data directory. A finished build is left
// `ready` but not active: a writer opening the view (a server start) promotes it and only catches up the tail.
// Invariant: a build is never active before it is complete, so an interrupted reindex (Ctrl-C, kill -9) leaves
// nothing half-built in service; its build stays `building` and the next run resumes it.
import type { EventLog, Offset } from '../log/event-log.js';
import type { ViewDefinition } from './view-definition.js';
import { createStorage, listStorages, readActive, readStorage, storageId, storageKey, writeStorage, type StorageMeta } from './view-meta.js';
import { readyRow } from './ready-build.js';
import { DEFAULT_BATCH_LIMITS, runRound, type BatchLimits } from './view-runner.js';
import { agreesWithLog, ViewStorage } from './view-storage.js';
import type { ViewStore } from './view-store.js';

export interface ReindexProgress {
  /** Offset every build has reached (the slowest one's `next`). */
  readonly next: Offset;
  readonly start: Offset;
  /** The log end the builds are catching up with. */
  readonly end: Offset;
  /** Log records this run has applied to every build (the slowest build's count). */
  readonly records: number;
}

export interface ReindexedView {
  readonly view: string;
  readonly version: number;
  readonly build: number;
  /** True when an interrupted earlier build was picked up where it stopped. */
  readonly resumed: boolean;
  readonly state: StorageMeta['state'];
  readonly position: Offset | null;
  readonly records: number;
  readonly error: StorageMeta['error'];
}

export interface ReindexOptions {
  readonly log: EventLog;
  readonly store: ViewStore;
  readonly views: readonly ViewDefinition[];
  /** Recorded as the builds' builder, e.g. `reindex pid 123`. */
  readonly builder: string;
  readonly batch?: Partial<BatchLimits>;
  readonly onProgress?: (progress: ReindexProgress) => void;
  /** Stops after the batch in flight; the builds stay `building` and a later run resumes them. */
  readonly signal?: AbortSignal;
}

/**
 * The build to work on: the newest unfinished build of the code's version that is newer than the active one and
 * still agrees with the log (an interrupted reindex, or a rebuild a server has under way), else a new one.
 */
function chooseBuild(store: ViewStore, def: ViewDefinition, log: EventLog, builder: string): { meta: StorageMeta; resumed: boolean } {
  return store.write(() => {
    const active = readActive(store.meta, def.name) ?? 0;
    const resumable = listStorages(store.meta, def.name).filter((s) => s.version === def.version && s.state === 'building'
      && s.build > active && agreesWithLog(s, log));
    const latest = resumable[resumable.length - 1];
    if (latest !== undefined) return { meta: latest, resumed: true };
    return { meta: createStorage(store.meta, def.name, def.version, log.start, builder), resumed: false };
  });
}

/** Marks a build that has applied everything up to the log end as ready (an empty log has nothing to apply). */
function finishIfCaughtUp(store: ViewStore, storage: ViewStorage, end: Offset): void {
  if (storage.meta.state !== 'building' || storage.meta.next < end) return;
  storage.openHandles();
  storage.meta = store.write(() => {
    const stored = readStorage(store.meta, storage.meta.view, storage.build) ?? storage.meta;
    if (stored.state !== 'building' || stored.next < end) return stored;
    const row = readyRow(stored, () => storage.rawDbs);
    writeStorage(store.meta, row);
    return row;
  });
}

/**
 * Drops finished builds of the same version that an earlier reindex left and this one supersedes (nothing serves
 * them). Re-reads the active build inside the transaction, so a build a server promoted meanwhile is kept.
 */
function dropSuperseded(store: ViewStore, storage: ViewStorage): void {
  store.write(() => {
    const active = readActive(store.meta, storage.def.name);
    for (const s of listStorages(store.meta, storage.def.name)) {
      if (s.build === active || s.build >= storage.build || s.version !== storage.def.version || s.state !== 'ready') continue;
      if (!s.builder.startsWith('reindex')) continue;
      store.dropStorage(storageId(s));
      store.meta.removeSync(storageKey(s.view, s.build));
    }
  });
}

export async function reindexViews(options: ReindexOptions): Promise<ReindexedView[]> {
  const { log, store, builder, signal } = options;
  const limits = { ...DEFAULT_BATCH_LIMITS, ...options.batch };
  const builds = options.views.map((def) => {
    const { meta, resumed } = chooseBuild(store, def, log, builder);
    return { storage: new ViewStorage(def, meta, store), resumed, startRecords: meta.records };
  });
  const working = (): ViewStorage[] => builds.map((b) => b.storage).filter((s) => s.meta.state === 'building' && !s.dropped);
  const report = (): void => {
    const active = working();
    const next = active.length === 0 ? log.end : Math.min(...active.map((s) => s.meta.next));
    const records = Math.min(...builds.map((b) => b.storage.meta.records - b.startRecords));
    options.onProgress?.({ next, start: log.start, end: log.end, records });
  };
  report();
  while (!signal?.aborted) {
    for (const storage of working()) finishIfCaughtUp(store, storage, log.end);
    const pending = working();
    if (pending.length === 0) break;
    const outcomes = await runRound(store, log, pending, limits);
    for (const outcome of outcomes) {
      // Another process finished or dropped the build meanwhile: take its row as it is now.
      if (outcome.kind === 'moved' && outcome.meta === undefined) outcome.storage.dropped = true;
    }
    report();
    // Yield so signals and progress output get their turn between transactions.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  for (const { storage } of builds) if (storage.meta.state === 'ready' && !storage.dropped) dropSuperseded(store, storage);
  return builds.map(({ storage, resumed }) => ({
    view: storage.def.name,
    version: storage.def.version,
    build: storage.build,
    resumed,
    state: storage.dropped ? 'failed' : storage.meta.state,
    position: storage.meta.position,
    records: storage.meta.records,
    error: storage.dropped ? { message: 'another process dropped this build; run reindex again', offset: null } : storage.meta.error,
  }));
}

// Verification: rebuilds a view from the log into scratch storage beside the live one, up to the live build's
// position, and compares every row. Safe beside a running writer (or inside it): the live build is only read, and
// the comparison reads it in one LMDB snapshot taken when both builds stand at the same position.
import { SluiceError } from '../errors.js';
import type { EventLog, Offset } from '../log/event-log.js';
import type { ViewDefinition } from './view-definition.js';
import { readActive, readStorage, storageKey, type StorageMeta } from './view-meta.js';
import { diffRows, type RowDiff, type RowDifference } from './row-diff.js';
import { DEFAULT_BATCH_LIMITS, type BatchLimits } from './view-runner.js';
import { ScratchBuild } from './scratch-build.js';
import { ViewStorage } from './view-storage.js';
import type { ViewStore } from './view-store.js';

export interface VerifyProgress {
  readonly next: Offset;
  readonly start: Offset;
  readonly end: Offset;
  /** Records applied so far by this verification. */
  readonly records: number;
}

export interface VerifyReport {
  readonly view: string;
  readonly version: number;
  /** The live build compared. */
  readonly build: number;
  /** Offset of the last record both builds applied; null when the view has applied none. */
  readonly position: Offset | null;
  readonly records: number;
  /** True when every row is equal and the live running checksum matches its rows. */
  readonly equal: boolean;
  /** Rows that differ (missing on one side, or with different values). */
  readonly differences: number;
  readonly first: RowDifference | null;
  readonly rows: { readonly live: number; readonly rebuilt: number };
  /**
   * `live`: the live build's running checksum (null when it has none); `liveRows`: recomputed from its rows;
   * `rebuilt`: the scratch build's. All three agree when the view is sound.
   */
  readonly checksums: { readonly live: string | null; readonly liveRows: string; readonly rebuilt: string | null };
  /** Set when the rebuild failed (apply threw) where the live build did not. */
  readonly rebuildError: { readonly message: string; readonly offset: Offset | null } | null;
  readonly ms: number;
}

export interface VerifyOptions {
  readonly log: EventLog;
  /** The live views' environment. */
  readonly store: ViewStore;
  readonly def: ViewDefinition;
  /** Folder for scratch environments (`<dataDir>/views-scratch`). */
  readonly scratchDir: string;
  readonly batch?: Partial<BatchLimits>;
  readonly onProgress?: (progress: VerifyProgress) => void;
  readonly signal?: AbortSignal;
}

function unavailable(def: ViewDefinition, reason: string): SluiceError {
  return new SluiceError('VIEW_VERIFY_UNAVAILABLE', { view: def.name, version: def.version, reason });
}

/** The build serving `def` now, if it has the code's version and can be compared. */
function liveBuild(store: ViewStore, def: ViewDefinition): StorageMeta {
  const active = readActive(store.meta, def.name);
  const meta = active === undefined ? undefined : readStorage(store.meta, def.name, active);
  if (meta === undefined) throw unavailable(def, 'it has no build in service yet');
  if (meta.version !== def.version) throw unavailable(def, `the build in service has version ${meta.version}`);
  if (meta.state === 'failed') throw unavailable(def, `its build in service failed at offset ${meta.error?.offset ?? '-'}`);
  return meta;
}

export async function verifyView(options: VerifyOptions): Promise<VerifyReport> {
  const { log, store, def, signal } = options;
  const started = Date.now();
  const limits = { ...DEFAULT_BATCH_LIMITS, ...options.batch };
  let live = liveBuild(store, def);
  const scratch = ScratchBuild.open(options.scratchDir, def, log);
  try {
    const progress = (end: Offset): void => options.onProgress?.({ next: scratch.next, start: log.start, end, records: scratch.storage.meta.records });
    const failed = (outcome: { meta?: StorageMeta; error?: unknown } | undefined) => (outcome === undefined ? null
      : { message: outcome.meta?.error?.message ?? String(outcome.error), offset: outcome.meta?.error?.offset ?? null });
    // Catch up with the live build (which may keep moving) until a snapshot finds both at the same place.
    for (;;) {
      const outcome = await scratch.applyUntil(log, live.next, limits, () => progress(live.next), signal);
      if (signal?.aborted) throw new SluiceError('VIEW_VERIFY_UNAVAILABLE', { view: def.name, version: def.version, reason: 'the verification was interrupted' });
      if (outcome !== undefined) return report(live, null, failed(outcome));
      // Open the live build's databases before the snapshot: LMDB handles opened later are invalid in it.
      const liveStorage = new ViewStorage(def, live, store);
      void liveStorage.rawDbs;
      const txn = store.root.useReadTransaction();
      try {
        const now = store.meta.get(storageKey(def.name, live.build), { transaction: txn }) as StorageMeta | undefined;
        if (now === undefined || readActive(store.meta, def.name) !== live.build) throw unavailable(def, 'its build in service was replaced during the verification; run it again');
        live = now;
        if (live.next < scratch.next) throw unavailable(def, 'its build in service went back during the verification; run it again');
        if (live.next > scratch.next) {
          // A short tail appended meanwhile: apply it while holding the snapshot.
          const tail = await scratch.applyUntil(log, live.next, limits, () => progress(live.next), signal);
          if (tail !== undefined) return report(live, null, failed(tail));
          if (live.next !== scratch.next) continue;
        }
        progress(live.next);
        return report(live, await diffRows(def.dbs, liveStorage.rawDbs, scratch.storage.rawDbs, liveStorage.dbs, txn), null);
      } finally {
        txn.done();
      }
    }
  } finally {
    await scratch.close();
  }

  function report(meta: StorageMeta, diff: RowDiff | null, rebuildError: VerifyReport['rebuildError']): VerifyReport {
    const rebuilt = scratch.storage.meta;
    const checksumsAgree = diff !== null && (meta.checksum === undefined || meta.checksum === diff.liveChecksum) && diff.liveChecksum === rebuilt.checksum;
    return {
      view: def.name, version: def.version, build: meta.build, position: meta.position, records: rebuilt.records,
      equal: diff !== null && diff.differences === 0 && checksumsAgree,
      differences: diff?.differences ?? 0, first: diff?.first ?? null,
      rows: { live: diff?.liveRows ?? meta.rows ?? 0, rebuilt: rebuilt.rows ?? 0 },
      checksums: { live: meta.checksum ?? null, liveRows: diff?.liveChecksum ?? '', rebuilt: rebuilt.checksum ?? null },
      rebuildError, ms: Date.now() - started,
    };
  }
}

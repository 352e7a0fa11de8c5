// Decides, when a writer opens a view, which storage serves it, which build runs, and which storages are garbage.
// Runs inside one write transaction, so two processes never plan the same view at once.
// Rules: a finished build of the code's version newer than the active one takes over (the offline reindex leaves
// those); the active storage serves only if it has the code's version and agrees with the log (else it is ahead of
// the log and is discarded); an unfinished or failed build of the code's version is resumed or shown; with nothing to
// serve and nothing to resume, a new build starts from the log start. Older builds of this version and builds of
// older versions are dropped; builds of newer versions are left for the code that owns them.
import type { EventLog } from '../log/event-log.js';
import { activeKey, createStorage, listStorages, readActive, type MetaDb, type StorageMeta } from './view-meta.js';
import { agreesWithLog } from './view-storage.js';

export interface ViewPlan {
  /** The active storage of the code's version (ready or failed). */
  readonly serving: StorageMeta | undefined;
  /** A build of the code's version to run (or a failed one to report). */
  readonly building: StorageMeta | undefined;
  readonly drop: readonly StorageMeta[];
  /** Why a new build started, for the logs. */
  readonly reason: string | undefined;
}

/** Call inside a write transaction. */
export function planView(meta: MetaDb, view: string, version: number, log: EventLog, builder: string): ViewPlan {
  const all = listStorages(meta, view);
  const agrees = new Map(all.map((s) => [s.build, agreesWithLog(s, log)]));
  const activeBuild = readActive(meta, view);
  let active = all.find((s) => s.build === activeBuild);

  const finished = all.filter((s) => s.version === version && s.state === 'ready' && agrees.get(s.build) &&
    s.build !== active?.build && (active === undefined || active.version !== version || s.build > active.build));
  const newest = finished[finished.length - 1];
  if (newest !== undefined) {
    active = newest;
    meta.putSync(activeKey(view), newest.build);
  }

  let serving: StorageMeta | undefined;
  let reason: string | undefined;
  if (active !== undefined && active.version === version) {
    if (agrees.get(active.build)) {
      serving = active;
    } else {
      reason = `its position ${String(active.position)} is ahead of the log (end ${log.end}) or no longer matches it`;
      meta.removeSync(activeKey(view));
      active = undefined;
    }
  } else {
    reason = active === undefined ? 'it has no storage yet' : `its version changed from ${active.version} to ${version}`;
  }

  const floor = serving?.build ?? 0;
  const resumable = all.filter((s) => s.version === version && s.build > floor && s !== serving &&
    (s.state === 'building' || s.state === 'failed') && agrees.get(s.build));
  let building = resumable[resumable.length - 1];
  if (serving === undefined && building === undefined) building = createStorage(meta, view, version, log.start, builder);
  else reason = undefined;

  const keep = new Set([active?.build, serving?.build, building?.build]);
  const newestKept = Math.max(serving?.build ?? 0, building?.build ?? 0);
  const drop = all.filter((s) => !keep.has(s.build) &&
    (s.version < version || (s.version === version && (s.build < newestKept || !agrees.get(s.build)))));
  return { serving, building, drop, reason };
}

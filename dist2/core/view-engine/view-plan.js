import { activeKey, createStorage, listStorages, readActive } from './view-meta.js';
import { agreesWithLog } from './view-storage.js';
/** Call inside a write transaction. */
export function planView(meta, view, version, log, builder) {
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
    let serving;
    let reason;
    if (active !== undefined && active.version === version) {
        if (agrees.get(active.build)) {
            serving = active;
        }
        else {
            reason = `its position ${String(active.position)} is ahead of the log (end ${log.end}) or no longer matches it`;
            meta.removeSync(activeKey(view));
            active = undefined;
        }
    }
    else {
        reason = active === undefined ? 'it has no storage yet' : `its version changed from ${active.version} to ${version}`;
    }
    const floor = serving?.build ?? 0;
    const resumable = all.filter((s) => s.version === version && s.build > floor && s !== serving &&
        (s.state === 'building' || s.state === 'failed') && agrees.get(s.build));
    let building = resumable[resumable.length - 1];
    if (serving === undefined && building === undefined)
        building = createStorage(meta, view, version, log.start, builder);
    else
        reason = undefined;
    const keep = new Set([active?.build, serving?.build, building?.build]);
    const newestKept = Math.max(serving?.build ?? 0, building?.build ?? 0);
    const drop = all.filter((s) => !keep.has(s.build) &&
        (s.version < version || (s.version === version && (s.build < newestKept || !agrees.get(s.build)))));
    return { serving, building, drop, reason };
}
//# sourceMappingURL=view-plan.js.map
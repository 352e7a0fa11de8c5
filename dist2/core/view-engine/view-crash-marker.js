// Views commit to LMDB without syncing (a commit costs microseconds instead of a disk flush), which is safe across
// process crashes (the OS keeps the pages) but not across an OS crash or power loss, after which LMDB may be torn.
// Each writing process leaves a marker naming the boot it ran in; a marker from an earlier boot means the machine
// went down with unsynced views, so they are wiped and rebuilt from the log (the log is the truth).
import * as fs from 'node:fs';
import { join } from 'node:path';
const MARKER_PREFIX = 'unsynced.';
/** The kernel's id for this boot, or undefined where there is none (then views commit durably instead). */
export function currentBootId() {
    try {
        return fs.readFileSync(process.env.SLUICE_BOOT_ID_FILE ?? '/proc/sys/kernel/random/boot_id', 'utf8').trim() || undefined;
    }
    catch {
        return undefined;
    }
}
function markers(dir) {
    try {
        return fs.readdirSync(dir).filter((name) => name.startsWith(MARKER_PREFIX));
    }
    catch {
        return [];
    }
}
/** True when a process of an earlier boot was writing without syncing and never finished cleanly. */
export function leftByEarlierBoot(dir, bootId) {
    return markers(dir).some((name) => {
        try {
            return fs.readFileSync(join(dir, name), 'utf8') !== bootId;
        }
        catch {
            return false;
        }
    });
}
function isAlive(pid) {
    try {
        process.kill(pid, 0);
        return true;
    }
    catch (err) {
        return err.code === 'EPERM';
    }
}
/**
 * Removes the markers of writers of this boot that died (a process crash keeps the OS's pages, so their views are
 * whole); call after placing this process's own marker, which now covers their unsynced pages until it syncs.
 */
export function clearDeadMarkers(dir, bootId) {
    for (const name of markers(dir)) {
        const pid = Number(name.slice(MARKER_PREFIX.length));
        if (!Number.isInteger(pid) || pid === process.pid || isAlive(pid))
            continue;
        try {
            if (fs.readFileSync(join(dir, name), 'utf8') === bootId)
                fs.rmSync(join(dir, name), { force: true });
        }
        catch {
            /* gone already */
        }
    }
}
export function clearMarkers(dir) {
    for (const name of markers(dir))
        fs.rmSync(join(dir, name), { force: true });
}
/** Writes this process's marker durably, before its first unsynced commit. */
export function placeMarker(dir, bootId) {
    const path = join(dir, `${MARKER_PREFIX}${process.pid}`);
    const fd = fs.openSync(path, 'w');
    try {
        fs.writeSync(fd, bootId);
        fs.fsyncSync(fd);
    }
    finally {
        fs.closeSync(fd);
    }
    const dirFd = fs.openSync(dir, 'r');
    try {
        fs.fsyncSync(dirFd);
    }
    finally {
        fs.closeSync(dirFd);
    }
    return path;
}
//# sourceMappingURL=view-crash-marker.js.map
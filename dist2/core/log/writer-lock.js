// One writer per data directory. The lock file names its holder (pid and process start time); a holder that
// died leaves a stale file that the next writer detects and replaces, so a crash never leaves the store stuck.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { SluiceError } from '../errors.js';
const LOCK_FILE = 'LOCK';
const heldHere = new Set();
/** Process start time from /proc (Linux), so a recycled pid is not mistaken for the holder. */
function processStartTime(pid) {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
    }
    catch {
        return null;
    }
}
/** A killed process stays a zombie until its parent reaps it; it holds nothing any more. */
function isZombie(pid) {
    try {
        const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
        const state = stat[stat.lastIndexOf(')') + 2];
        return state === 'Z' || state === 'X';
    }
    catch {
        return false;
    }
}
function isAlive(holder) {
    try {
        process.kill(holder.pid, 0);
    }
    catch (err) {
        if (err.code !== 'EPERM')
            return false;
    }
    if (isZombie(holder.pid))
        return false;
    if (holder.started === null)
        return true;
    const started = processStartTime(holder.pid);
    return started === null || started === holder.started;
}
function parseHolder(text) {
    try {
        const parsed = JSON.parse(text);
        return Number.isInteger(parsed.pid) ? parsed : undefined;
    }
    catch {
        return undefined;
    }
}
/** The live process holding `dir`, if any. */
export function readLockHolder(dir) {
    let text;
    try {
        text = fs.readFileSync(join(dir, LOCK_FILE), 'utf8');
    }
    catch {
        return undefined;
    }
    const holder = parseHolder(text);
    return holder && isAlive(holder) ? holder : undefined;
}
export class WriterLock {
    path;
    content;
    constructor(path, content) {
        this.path = path;
        this.content = content;
    }
    static acquire(dir) {
        const path = join(dir, LOCK_FILE);
        if (heldHere.has(path))
            throw new SluiceError('LOG_LOCKED', { dir, pid: process.pid });
        const content = JSON.stringify({ pid: process.pid, started: processStartTime(process.pid) });
        const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
        fs.writeFileSync(tmp, content);
        try {
            for (let attempt = 0; attempt < 3; attempt++) {
                try {
                    fs.linkSync(tmp, path); // atomic: creates the lock with its content, or fails if one exists
                    heldHere.add(path);
                    return new WriterLock(path, content);
                }
                catch (err) {
                    if (err.code !== 'EEXIST')
                        throw err;
                }
                let existing = '';
                try {
                    existing = fs.readFileSync(path, 'utf8');
                }
                catch {
                    continue;
                }
                const holder = parseHolder(existing);
                if (holder && isAlive(holder))
                    throw new SluiceError('LOG_LOCKED', { dir, pid: holder.pid });
                WriterLock.removeStale(path, existing);
            }
            throw new SluiceError('LOG_LOCKED', { dir, pid: 'unknown' });
        }
        finally {
            fs.rmSync(tmp, { force: true });
        }
    }
    /** Moves the stale lock aside, and only deletes it if it is still the one judged stale. */
    static removeStale(path, staleContent) {
        const aside = `${path}.stale.${process.pid}.${Math.random().toString(36).slice(2)}`;
        try {
            fs.renameSync(path, aside);
        }
        catch {
            return;
        }
        const moved = fs.readFileSync(aside, 'utf8');
        if (moved !== staleContent) {
            try {
                fs.linkSync(aside, path);
            }
            catch { /* a newer holder took it; it keeps it */ }
        }
        fs.rmSync(aside, { force: true });
    }
    release() {
        heldHere.delete(this.path);
        try {
            if (fs.readFileSync(this.path, 'utf8') === this.content)
                fs.rmSync(this.path);
        }
        catch {
            /* already gone */
        }
    }
}
//# sourceMappingURL=writer-lock.js.map
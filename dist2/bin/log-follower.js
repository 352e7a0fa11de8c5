// Waits for another process to append to a log opened read-only: wakes on a file-system event in the log
// directory or, where those are missed (network file systems), on a short poll; either way refresh() decides.
import { watch } from 'node:fs';
import { logDirOf } from './cli-config.js';
const POLL_MS = 200;
export class LogFollower {
    log;
    signal;
    watcher;
    wake;
    constructor(log, dataDir, signal) {
        this.log = log;
        this.signal = signal;
        try {
            this.watcher = watch(logDirOf(dataDir), { persistent: false }, () => this.wake?.());
            this.watcher.on('error', () => this.closeWatcher());
        }
        catch {
            this.watcher = undefined; // polling alone still works
        }
        signal.addEventListener('abort', () => this.wake?.(), { once: true });
    }
    get stopped() {
        return this.signal.aborted;
    }
    /** Resolves with the new end once the log grows past `end`, or with `end` when stopped. */
    async waitBeyond(end) {
        for (;;) {
            if (this.signal.aborted)
                return end;
            const now = await this.log.refresh();
            if (now > end)
                return now;
            await new Promise((resolve) => {
                const timer = setTimeout(done, POLL_MS);
                function done() {
                    clearTimeout(timer);
                    resolve();
                }
                this.wake = done;
            });
            this.wake = undefined;
        }
    }
    closeWatcher() {
        this.watcher?.close();
        this.watcher = undefined;
    }
    close() {
        this.closeWatcher();
        this.wake?.();
    }
}
/** An AbortSignal that fires on Ctrl-C or SIGTERM, so a long-running command can finish its output and exit 0. */
export function interruptSignal() {
    const controller = new AbortController();
    const stop = () => controller.abort();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    return {
        signal: controller.signal,
        dispose: () => {
            process.off('SIGINT', stop);
            process.off('SIGTERM', stop);
        },
    };
}
//# sourceMappingURL=log-follower.js.map
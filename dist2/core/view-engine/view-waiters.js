export class ViewWaiters {
    waiting = new Set();
    get size() {
        return this.waiting.size;
    }
    /** Waits until `reached(offset)` is reported, or rejects with `onTimeout()` after `timeoutMs`. */
    wait(offset, timeoutMs, onTimeout) {
        return new Promise((resolve, reject) => {
            const waiter = {
                offset,
                resolve,
                reject,
                timer: setTimeout(() => {
                    this.waiting.delete(waiter);
                    reject(onTimeout());
                }, Math.max(0, timeoutMs)),
            };
            this.waiting.add(waiter);
        });
    }
    /** Resolves every wait for an offset at or below `position`. */
    reached(position) {
        if (position === null || this.waiting.size === 0)
            return;
        for (const waiter of this.waiting) {
            if (waiter.offset <= position)
                this.settle(waiter).resolve();
        }
    }
    rejectAll(err) {
        for (const waiter of this.waiting)
            this.settle(waiter).reject(err);
    }
    settle(waiter) {
        clearTimeout(waiter.timer);
        this.waiting.delete(waiter);
        return waiter;
    }
}
//# sourceMappingURL=view-waiters.js.map
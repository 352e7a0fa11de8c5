export function waitForAppend(log, cursor, timeoutMs, signal) {
    if (signal.aborted)
        return Promise.resolve('abort');
    if (log.end > cursor)
        return Promise.resolve('append');
    return new Promise((resolve) => {
        let done = false;
        let unsubscribe;
        const finish = (outcome) => {
            if (done)
                return;
            done = true;
            unsubscribe?.();
            clearTimeout(timer);
            signal.removeEventListener('abort', onAbort);
            resolve(outcome);
        };
        const onAbort = () => finish('abort');
        const timer = setTimeout(() => finish('timeout'), timeoutMs);
        signal.addEventListener('abort', onAbort);
        unsubscribe = log.onAppend((end) => {
            if (end > cursor)
                finish('append');
        });
        if (done)
            unsubscribe();
        // An append may have landed between the first check and the subscription.
        else if (log.end > cursor)
            finish('append');
    });
}
//# sourceMappingURL=wait-for-append.js.map
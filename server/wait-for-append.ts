// Waits until the log has a record beyond `cursor`, a timeout passes or the signal aborts; never leaves a listener behind.
import type { EventLog, Offset } from '../core/log/event-log.js';

export type WaitOutcome = 'append' | 'timeout' | 'abort';

export function waitForAppend(log: EventLog, cursor: Offset, timeoutMs: number, signal: AbortSignal): Promise<WaitOutcome> {
  if (signal.aborted) return Promise.resolve('abort');
  if (log.end > cursor) return Promise.resolve('append');
  return new Promise<WaitOutcome>((resolve) => {
    let done = false;
    let unsubscribe: (() => void) | undefined;
    const finish = (outcome: WaitOutcome): void => {
      if (done) return;
      done = true;
      unsubscribe?.();
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = (): void => finish('abort');
    const timer = setTimeout(() => finish('timeout'), timeoutMs);
    signal.addEventListener('abort', onAbort);
    unsubscribe = log.onAppend((end) => {
      if (end > cursor) finish('append');
    });
    if (done) unsubscribe();
    // An append may have landed between the first check and the subscription.
    else if (log.end > cursor) finish('append');
  });
}

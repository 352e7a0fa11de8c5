// Read-your-writes bookkeeping for one view: callers waiting for the view to apply the record at an offset.
// Woken by commits (event-driven); each wait has its own timeout and is forgotten once settled.
import type { Offset } from '../log/event-log.js';

interface Waiter {
  readonly offset: Offset;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
  readonly timer: NodeJS.Timeout;
}

export class ViewWaiters {
  private readonly waiting = new Set<Waiter>();

  get size(): number {
    return this.waiting.size;
  }

  /** Waits until `reached(offset)` is reported, or rejects with `onTimeout()` after `timeoutMs`. */
  wait(offset: Offset, timeoutMs: number, onTimeout: () => unknown): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
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
  reached(position: Offset | null): void {
    if (position === null || this.waiting.size === 0) return;
    for (const waiter of this.waiting) {
      if (waiter.offset <= position) this.settle(waiter).resolve();
    }
  }

  rejectAll(err: unknown): void {
    for (const waiter of this.waiting) this.settle(waiter).reject(err);
  }

  private settle(waiter: Waiter): Waiter {
    clearTimeout(waiter.timer);
    this.waiting.delete(waiter);
    return waiter;
  }
}

const POLL_MS = 25;

/**
 * Read-only stores see another process's commits only by reading again (LMDB has no cross-process notification):
 * refreshes until `reached()`, rejecting with `onTimeout()` after `timeoutMs` or once `stopped()`.
 */
export async function pollUntil(refresh: () => void, reached: () => boolean, stopped: () => boolean, timeoutMs: number, onTimeout: () => unknown): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    refresh();
    if (reached()) return;
    if (Date.now() >= deadline || stopped()) throw onTimeout();
    await new Promise((resolve) => setTimeout(resolve, Math.min(POLL_MS, Math.max(1, deadline - Date.now()))));
  }
}

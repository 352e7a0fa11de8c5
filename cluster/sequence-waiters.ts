// Promises that resolve when the follower has applied a JetStream sequence, each with its own timeout.
interface Waiter {
  readonly sequence: number;
  readonly resolve: () => void;
  readonly reject: (err: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export class SequenceWaiters {
  private waiters: Waiter[] = [];

  wait(sequence: number, timeoutMs: number, onTimeout: () => Error): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(onTimeout());
      }, timeoutMs);
      const waiter: Waiter = { sequence, resolve, reject, timer };
      this.waiters.push(waiter);
    });
  }

  reached(applied: number): void {
    if (this.waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const waiter of this.waiters) {
      if (waiter.sequence <= applied) {
        clearTimeout(waiter.timer);
        waiter.resolve();
      } else still.push(waiter);
    }
    this.waiters = still;
  }

  failAll(err: Error): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(err);
    }
    this.waiters = [];
  }
}

import type { Offset } from '../log/event-log.js';
export declare class ViewWaiters {
    private readonly waiting;
    get size(): number;
    /** Waits until `reached(offset)` is reported, or rejects with `onTimeout()` after `timeoutMs`. */
    wait(offset: Offset, timeoutMs: number, onTimeout: () => unknown): Promise<void>;
    /** Resolves every wait for an offset at or below `position`. */
    reached(position: Offset | null): void;
    rejectAll(err: unknown): void;
    private settle;
}

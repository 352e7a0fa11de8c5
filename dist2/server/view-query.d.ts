import type { Offset } from '../core/log/event-log.js';
import type { ViewEngine, ViewStatus } from '../core/store-api.js';
export declare const DEFAULT_AFTER_TIMEOUT_MS = 5000;
export interface QueryAnswer {
    readonly result: unknown;
    /** The view's position before the query ran: the answer reflects at least the log up to here. */
    readonly position: Offset | null;
}
/** Throws the 503 a view that cannot answer now deserves. A blue-green rebuild keeps serving (`serving: true`). */
export declare function assertServing(status: ViewStatus): void;
export declare function runViewQuery(views: ViewEngine, view: string, query: string, params: Record<string, unknown>, freshness: {
    after?: Offset;
    timeoutMs: number;
}): Promise<QueryAnswer>;
export declare function positionHeader(position: Offset | null): string;

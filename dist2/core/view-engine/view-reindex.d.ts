import type { EventLog, Offset } from '../log/event-log.js';
import type { ViewDefinition } from './view-definition.js';
import { type StorageMeta } from './view-meta.js';
import { type BatchLimits } from './view-runner.js';
import type { ViewStore } from './view-store.js';
export interface ReindexProgress {
    /** Offset every build has reached (the slowest one's `next`). */
    readonly next: Offset;
    readonly start: Offset;
    /** The log end the builds are catching up with. */
    readonly end: Offset;
    /** Log records this run has applied to every build (the slowest build's count). */
    readonly records: number;
}
export interface ReindexedView {
    readonly view: string;
    readonly version: number;
    readonly build: number;
    /** True when an interrupted earlier build was picked up where it stopped. */
    readonly resumed: boolean;
    readonly state: StorageMeta['state'];
    readonly position: Offset | null;
    readonly records: number;
    readonly error: StorageMeta['error'];
}
export interface ReindexOptions {
    readonly log: EventLog;
    readonly store: ViewStore;
    readonly views: readonly ViewDefinition[];
    /** Recorded as the builds' builder, e.g. `reindex pid 123`. */
    readonly builder: string;
    readonly batch?: Partial<BatchLimits>;
    readonly onProgress?: (progress: ReindexProgress) => void;
    /** Stops after the batch in flight; the builds stay `building` and a later run resumes them. */
    readonly signal?: AbortSignal;
}
export declare function reindexViews(options: ReindexOptions): Promise<ReindexedView[]>;

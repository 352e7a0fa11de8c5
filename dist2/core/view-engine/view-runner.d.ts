import type { EventLog, LogRecord, Offset } from '../log/event-log.js';
import { type StorageMeta } from './view-meta.js';
import { type ViewStorage } from './view-storage.js';
import type { ViewStore } from './view-store.js';
export interface BatchLimits {
    /** Most records per transaction. */
    readonly records: number;
    /** About this many bytes of log per transaction. */
    readonly bytes: number;
}
export declare const DEFAULT_BATCH_LIMITS: BatchLimits;
export type Outcome = {
    readonly kind: 'applied';
    readonly storage: ViewStorage;
    readonly meta: StorageMeta;
    readonly records: number;
} | {
    readonly kind: 'failed';
    readonly storage: ViewStorage;
    readonly meta: StorageMeta;
    readonly error: unknown;
}
/** Another writer changed (or dropped) the storage's row since this process read it: reload, apply nothing. */
 | {
    readonly kind: 'moved';
    readonly storage: ViewStorage;
    readonly meta: StorageMeta | undefined;
};
export interface LogBatch {
    readonly records: readonly LogRecord[];
    readonly next: Offset;
}
/** Up to one batch of records from `from` (a record boundary), read synchronously. */
export declare function readLogBatch(log: EventLog, from: Offset, limits: BatchLimits): LogBatch;
/**
 * Applies `batch` to every storage of `group` whose next record is in it, all in one transaction. A view whose apply
 * throws aborts the attempt; it is retried without that view, which is then marked failed in the same transaction
 * as the others' progress. (Child transactions per view would isolate it too, but cost a commit each per batch.)
 */
export declare function applyBatch(store: ViewStore, group: readonly ViewStorage[], batch: LogBatch, logEnd: Offset): Outcome[];
/**
 * One round: every storage that is behind the log end advances by at most one batch. Storages at the same place
 * share a read and a transaction; a storage far behind (a rebuild) does not hold back those following the tail.
 */
export declare function runRound(store: ViewStore, log: EventLog, storages: readonly ViewStorage[], limits: BatchLimits): Outcome[];

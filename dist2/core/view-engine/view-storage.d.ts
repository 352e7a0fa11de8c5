import type { EventLog, LogRecord } from '../log/event-log.js';
import type { ApplyContext, ViewDbs, ViewDefinition } from './view-definition.js';
import { type RecordMark, type StorageMeta } from './view-meta.js';
import type { ViewStore } from './view-store.js';
export declare class ViewStorage {
    readonly def: ViewDefinition;
    meta: StorageMeta;
    private readonly store;
    readonly id: string;
    private opened;
    /** Queries running against this storage; it is dropped only once they finish. */
    inflight: number;
    dropped: boolean;
    constructor(def: ViewDefinition, meta: StorageMeta, store: ViewStore);
    /** The storage's sub-databases, opened on first use. */
    get dbs(): ViewDbs;
    get ctx(): ApplyContext;
    get build(): number;
}
export declare function markOf(record: LogRecord): RecordMark;
/**
 * Whether the log still holds the records this storage applied: its `next` is within the log and the record at its
 * position is the one it applied. False when the log lost its tail (the view is ahead) or was replaced.
 */
export declare function agreesWithLog(meta: StorageMeta, log: EventLog): boolean;

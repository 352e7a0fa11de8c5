import type { EventLog } from '../log/event-log.js';
import { type MetaDb, type StorageMeta } from './view-meta.js';
export interface ViewPlan {
    /** The active storage of the code's version (ready or failed). */
    readonly serving: StorageMeta | undefined;
    /** A build of the code's version to run (or a failed one to report). */
    readonly building: StorageMeta | undefined;
    readonly drop: readonly StorageMeta[];
    /** Why a new build started, for the logs. */
    readonly reason: string | undefined;
}
/** Call inside a write transaction. */
export declare function planView(meta: MetaDb, view: string, version: number, log: EventLog, builder: string): ViewPlan;

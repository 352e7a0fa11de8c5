import { SluiceError } from '../errors.js';
import type { EventLog, Offset } from '../log/event-log.js';
import type { ParamsValidator } from './query-validator.js';
import type { ViewStatus } from '../store-api.js';
import type { ViewDefinition } from './view-definition.js';
import { ViewStorage } from './view-storage.js';
import type { ViewStore } from './view-store.js';
import { ViewWaiters } from './view-waiters.js';
/** What status reports beyond the ViewStatus contract. */
export interface EngineViewStatus extends ViewStatus {
    /** Whether queries answer now (true during a rebuild while the previous build of the same version serves). */
    readonly serving: boolean;
}
export declare class ViewSlot {
    readonly def: ViewDefinition;
    readonly validators: ReadonlyMap<string, ParamsValidator>;
    serving: ViewStorage | undefined;
    building: ViewStorage | undefined;
    /** When and where the current build started in this process, for its ETA. */
    buildStart: {
        at: number;
        next: Offset;
    } | undefined;
    readonly waiters: ViewWaiters;
    constructor(def: ViewDefinition, validators: ReadonlyMap<string, ParamsValidator>);
    startBuild(storage: ViewStorage): void;
    /** The storage that answers queries, if any. */
    usable(): ViewStorage | undefined;
    /** The typed error for a failure that stops the view (a failed build that is not being replaced); else undefined. */
    failure(): SluiceError | undefined;
    /** Why a query cannot be answered now: failed, or rebuilding with nothing to serve. */
    unavailable(log: EventLog): SluiceError;
    progress(log: EventLog, building: ViewStorage): {
        progress: number;
        etaMs: number | null;
    };
    status(log: EventLog): EngineViewStatus;
    /** Read-only stores: re-read which storage serves the view and how far it and any build are. */
    refresh(store: ViewStore): void;
    private storageFor;
}

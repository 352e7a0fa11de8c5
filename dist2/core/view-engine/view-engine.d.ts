import type { EventLog, Offset } from '../log/event-log.js';
import { type Logger } from '../logger.js';
import type { ViewDescriptor, ViewEngine } from '../store-api.js';
import type { ViewDefinition } from './view-definition.js';
import { type BatchLimits } from './view-runner.js';
import { type EngineViewStatus } from './view-slot.js';
import { ViewStorage } from './view-storage.js';
import type { ViewStore } from './view-store.js';
export type { EngineViewStatus } from './view-slot.js';
export interface ViewEngineOptions {
    readonly log: EventLog;
    readonly store: ViewStore;
    readonly logger?: Logger;
    /** `write` follows the log and writes views; `observe` only reads what another process writes (read-only stores). */
    readonly mode?: 'write' | 'observe';
    readonly batch?: Partial<BatchLimits>;
    /** Recorded in the meta of builds this engine starts. */
    readonly builder?: string;
}
export declare class SluiceViewEngine implements ViewEngine {
    private readonly slots;
    private readonly garbage;
    private readonly log;
    private readonly store;
    private readonly logger;
    private readonly mode;
    private readonly limits;
    private readonly builder;
    private running;
    private again;
    private closed;
    /** Set when following the log failed outside any view (see halt); the views keep serving what they have. */
    private halted;
    private unsubscribe;
    constructor(options: ViewEngineOptions);
    /** Registers the views, plans their storages (rebuilding where needed) and starts following the log. */
    open(defs: readonly ViewDefinition[]): void;
    private plan;
    private kick;
    private pump;
    /** A build with nothing left to apply (an empty log, or a log that ends where it stopped) is ready as it is. */
    private completeBuilds;
    private followers;
    /**
     * A failure outside any view's apply (a damaged log record, an LMDB error): stop following, keep serving what the
     * views have. Status carries the error; a restart tries again.
     */
    private halt;
    private settle;
    /** Resolves waits the serving storage has reached; rejects them all when the view cannot get there. */
    private wake;
    private promote;
    private newBuild;
    /** Drops a storage no longer needed, once no query reads it. */
    private retire;
    private collect;
    list(): ViewDescriptor[];
    status(): EngineViewStatus[];
    statusOf(view: string): EngineViewStatus;
    query(view: string, query: string, params: Record<string, unknown>): Promise<unknown>;
    waitFor(view: string, offset: Offset, timeoutMs: number): Promise<void>;
    private timeoutError;
    /** Read-only stores see another process's commits only by reading again: LMDB has no cross-process notification. */
    private pollFor;
    rebuild(view: string): Promise<void>;
    /** Resolves once every view has applied everything in the log (or failed). */
    idle(): Promise<void>;
    private slotOf;
    /** The view's definition as this process loaded it (the offline reindex builds from it). */
    definitionOf(view: string): ViewDefinition;
    /** The storages of `view` (serving, then building): for tests, tools and the offline reindex. */
    storagesOf(view: string): {
        serving: ViewStorage | undefined;
        building: ViewStorage | undefined;
    };
    close(): Promise<void>;
}

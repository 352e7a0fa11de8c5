import type { EventLog, LogRecord, Offset } from '../../core/log/event-log.js';
import type { StoreOptions } from '../../core/store-api.js';
import type { SluiceStore } from '../../store/sluice-store.js';
import type { ViewDefinition } from '../../core/view-engine/view-definition.js';
import { ViewStorage } from '../../core/view-engine/view-storage.js';
export type Rows = Record<string, [unknown, unknown][]>;
export interface ViewTestKit {
    dir(): string;
    /** Opens a store (fsync `none` unless given) that is closed after the test. */
    open(options: Partial<StoreOptions> & {
        dataDir: string;
    }): Promise<SluiceStore>;
}
export declare function useViewTestKit(): ViewTestKit;
/** Every row of every sub-database of a storage, in key order. */
export declare function dumpRows(storage: ViewStorage): Rows;
/** The rows `def` produces from the log's records up to and including `position`, built in a fresh environment. */
export declare function foldRows(def: ViewDefinition, log: EventLog, position: Offset | null): Promise<Rows>;
/** The storage serving `view`, failing the test when there is none. */
export declare function servingOf(store: SluiceStore, view: string): ViewStorage;
/** Asserts the view's serving rows equal a fresh fold of the log up to its recorded position. */
export declare function expectMatchesFold(store: SluiceStore, def: ViewDefinition): Promise<void>;
/** A copy of `def` whose apply throws on records `when` picks (checked at apply time, so tests can switch it off). */
export declare function throwing(def: ViewDefinition, when: (record: LogRecord) => boolean): ViewDefinition;
export declare function appendAll(store: {
    appendBatch: SluiceStore['appendBatch'];
}, writes: Parameters<SluiceStore['appendBatch']>[0], per?: number): Promise<number>;

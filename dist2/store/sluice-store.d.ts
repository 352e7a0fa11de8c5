import type { DependencyContainer } from '../core/di.js';
import type { AppendResult, ExpectedRevision, NewEvent, StreamWrite } from '../core/log/event-log.js';
import type { FileLog } from '../core/log/file-log.js';
import type { ConsumerGroups } from '../core/groups/consumer-groups.js';
import type { Store, StreamPage, StreamReadOptions } from '../core/store-api.js';
import type { SluiceViewEngine } from '../core/view-engine/view-engine.js';
import type { ViewStore } from '../core/view-engine/view-store.js';
export declare class SluiceStore implements Store {
    readonly dataDir: string;
    readonly log: FileLog;
    readonly views: SluiceViewEngine;
    readonly viewStore: ViewStore;
    readonly container: DependencyContainer;
    private readonly groupsOrNone;
    private closing;
    constructor(dataDir: string, log: FileLog, views: SluiceViewEngine, viewStore: ViewStore, container: DependencyContainer, groupsOrNone: ConsumerGroups | undefined);
    get groups(): ConsumerGroups;
    append(stream: string, events: NewEvent | readonly NewEvent[], options?: {
        expectedRevision?: ExpectedRevision;
    }): Promise<AppendResult>;
    appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult>;
    readStream(stream: string, options?: StreamReadOptions): Promise<StreamPage>;
    /** Stops the views (waiting for the batch in flight), then closes LMDB and the log. Safe to call twice. */
    close(): Promise<void>;
}

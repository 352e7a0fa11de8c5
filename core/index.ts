// The engine's public surface: the log, the view engine, errors and DI primitives. Knows nothing above core/.
export type { Store, StoreOptions, ViewEngine, ViewStatus, ViewState, ViewDescriptor, QueryDescriptor, JsonSchema } from './store-api.js';
export type {
  EventLog, LogRecord, NewEvent, StreamWrite, AppendResult, ExpectedRevision, Offset, DurabilityMode, JsonValue,
} from './log/event-log.js';
export { openFileLog, FileLog, type FileLogOptions } from './log/file-log.js';
export { ERRORS, SluiceError, ConcurrencyError, CorruptRecordError, isSluiceError, type ErrorKey } from './errors.js';
export { TOKENS } from './tokens.js';
export { container, inject, injectable, singleton, type DependencyContainer, type InjectionToken } from './di.js';
export { defineView, type ViewDefinition, type ViewClass, type ViewSource, type ApplyContext, type QueryContext, type QueryDefinition, type DbSpec, type ViewDbs } from './view-engine/view-definition.js';
export { SluiceViewEngine, type EngineViewStatus, type ViewEngineOptions } from './view-engine/view-engine.js';
export { ViewStore } from './view-engine/view-store.js';
export type { StorageMeta, StorageState } from './view-engine/view-meta.js';
export { silentLogger, type Logger } from './logger.js';
export { isTombstone, TOMBSTONE_TYPE } from './log/tombstone.js';
export type { ErasureReport } from './log/log-eraser.js';

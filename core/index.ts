// The embedded API: open a store, append, query views. Everything an application or plugin imports from 'sluice'.
export { openStore, SluiceStore } from './store.js';
export type { Store, StoreOptions, ViewEngine, ViewStatus, ViewState, ViewDescriptor, QueryDescriptor, JsonSchema } from './store-api.js';
export type {
  EventLog, LogRecord, NewEvent, StreamWrite, AppendResult, ExpectedRevision, Offset, DurabilityMode, JsonValue,
} from './log/event-log.js';
export { openFileLog, FileLog, type FileLogOptions } from './log/file-log.js';
export { ERRORS, SluiceError, ConcurrencyError, CorruptRecordError, isSluiceError, type ErrorKey } from './errors.js';
export { TOKENS } from './tokens.js';
export { container, inject, injectable, singleton, type DependencyContainer, type InjectionToken } from './di.js';
export { defineView, type ViewDefinition, type ViewClass, type ViewSource, type ApplyContext, type QueryContext, type QueryDefinition, type DbSpec, type ViewDbs } from './view-definition.js';
export { SluiceViewEngine, type EngineViewStatus, type ViewEngineOptions } from './view-engine.js';
export { ViewStore } from './view-store.js';
export type { StorageMeta, StorageState } from './view-meta.js';
export { silentLogger, type Logger } from './logger.js';
export { definePlugin, type SluicePlugin } from '../plugins/define-plugin.js';
export { indexView, keyedStateView, reducerView } from '../views/index.js';

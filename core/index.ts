// The engine's public surface: the log, the view engine, errors and DI primitives. Knows nothing above core/.
export type { Store, StoreOptions, StreamReadOptions, StreamPage, ViewEngine, ViewStatus, ViewState, ViewDescriptor, QueryDescriptor, QueryFreshness, QueryAnswer, JsonSchema } from './store-api.js';
export { DEFAULT_AFTER_TIMEOUT_MS } from './store-api.js';
export type {
  EventLog, LogRecord, NewEvent, StreamWrite, AppendResult, ExpectedRevision, Offset, DurabilityMode, JsonValue,
} from './log/event-log.js';
export { openFileLog, FileLog, type FileLogOptions } from './log/file-log.js';
export { FileLogBackend, type LogBackend } from './log/log-backend.js';
export type { LogFileSystem, LogFile } from './log/log-file-system.js';
export { ERRORS, SluiceError, ConcurrencyError, CorruptRecordError, CommandRejectedError, CommandConflictError, isSluiceError, type ErrorKey } from './errors.js';
export { defineCommands, type CommandDefinition, type StateDefinition, type Decision, type DecideContext } from './commands/command-definition.js';
export { commandHandler, DEFAULT_MAX_ATTEMPTS, type CommandHandler, type CommandHandlerOptions, type HandleResult } from './commands/command-handler.js';
export type { CommandBus, CommandDescriptor, CommandOutcome } from './commands/command-bus.js';
export type { StateSource } from './commands/stream-state.js';
export { TOKENS } from './tokens.js';
export { inject, injectable, Lifecycle, type DependencyContainer, type InjectionToken } from './di.js';
export { defineView, type TypedView, type ViewDefinition, type ViewClass, type ViewSource, type ApplyContext, type QueryContext, type QueryDefinition, type DbSpec, type ViewDbs, type StreamStateSource } from './view-engine/view-definition.js';
export { SluiceViewEngine, type EngineViewStatus, type ViewEngineSettings } from './view-engine/view-engine.js';
export { ViewStore } from './view-engine/view-store.js';
export type { StorageMeta, StorageState } from './view-engine/view-meta.js';
export { silentLogger, type Logger } from './logger.js';
export { isTombstone, TOMBSTONE_TYPE } from './log/tombstone.js';
export type { ErasureReport } from './log/log-eraser.js';

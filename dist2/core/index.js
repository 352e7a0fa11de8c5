export { openFileLog, FileLog } from './log/file-log.js';
export { ERRORS, SluiceError, ConcurrencyError, CorruptRecordError, isSluiceError } from './errors.js';
export { TOKENS } from './tokens.js';
export { container, inject, injectable, singleton } from './di.js';
export { defineView } from './view-engine/view-definition.js';
export { SluiceViewEngine } from './view-engine/view-engine.js';
export { ViewStore } from './view-engine/view-store.js';
export { silentLogger } from './logger.js';
//# sourceMappingURL=index.js.map
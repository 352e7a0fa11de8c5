// The embedded API: open a store, append, query views. Everything an application or plugin imports from 'sluice'.
export * from '../core/index.js';
export { openStore } from './open-store.js';
export { SluiceStore } from './sluice-store.js';
export { definePlugin } from '../plugins/define-plugin.js';
export { indexView, keyedStateView, reducerView } from '../views/index.js';
//# sourceMappingURL=index.js.map
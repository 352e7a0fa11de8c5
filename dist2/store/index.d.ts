export * from '../core/index.js';
export { openStore } from './open-store.js';
export { SluiceStore } from './sluice-store.js';
export { definePlugin, type SluicePlugin } from '../plugins/define-plugin.js';
export { indexView, keyedStateView, reducerView } from '../views/index.js';

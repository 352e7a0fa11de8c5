// Plugin declaration and loading.
export { definePlugin, type SluicePlugin } from './define-plugin.js';
export { checkPlugin, loadPlugins, type LoadPluginsOptions } from './load-plugins.js';
export { resolveViews } from './resolve-views.js';

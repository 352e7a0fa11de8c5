export { definePlugin, type SluicePlugin } from './define-plugin.js';
export { checkPlugin, loadPlugins, type LoadPluginsOptions } from './load-plugins.js';
export { resolveViews } from './resolve-views.js';
export { firstPartyPlugin, FIRST_PARTY_PLUGIN_NAME } from './first-party-plugin.js';

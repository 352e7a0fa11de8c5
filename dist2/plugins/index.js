// Plugin declaration and loading.
export { definePlugin } from './define-plugin.js';
export { checkPlugin, loadPlugins } from './load-plugins.js';
export { resolveViews } from './resolve-views.js';
export { firstPartyPlugin, FIRST_PARTY_PLUGIN_NAME } from './first-party-plugin.js';
//# sourceMappingURL=index.js.map
/**
 * Declares a plugin; export it as the module's default export (or as `plugin`).
 * @example
 * export default definePlugin({ name: 'bank', views: [accountIndex, balances] });
 */
export function definePlugin(plugin) {
    return plugin;
}
//# sourceMappingURL=define-plugin.js.map
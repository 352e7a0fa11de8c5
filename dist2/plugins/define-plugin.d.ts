import type { ViewSource } from '../core/view-engine/view-definition.js';
export interface SluicePlugin {
    /** Names the plugin in errors and logs. */
    readonly name: string;
    /** View definitions (plain objects) or view classes (resolved through the store's container). */
    readonly views?: readonly ViewSource[];
}
/**
 * Declares a plugin; export it as the module's default export (or as `plugin`).
 * @example
 * export default definePlugin({ name: 'bank', views: [accountIndex, balances] });
 */
export declare function definePlugin<T extends SluicePlugin>(plugin: T): T;

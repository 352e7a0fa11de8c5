// How a plugin is declared: a named bundle of views and commands (routes and codecs later), exported by a module.
import type { CommandDefinition } from '../core/commands/command-definition.js';
import type { ViewSource } from '../core/view-engine/view-definition.js';

export interface SluicePlugin {
  /** Names the plugin in errors and logs. */
  readonly name: string;
  /** View definitions (plain objects) or view classes (resolved through the store's container). */
  readonly views?: readonly ViewSource[];
  /** Commands by name (see defineCommands), served as `POST /commands/<name>`. */
  readonly commands?: Readonly<Record<string, CommandDefinition>>;
}

/**
 * Declares a plugin; export it as the module's default export (or as `plugin`).
 * @example
 * export default definePlugin({ name: 'bank', views: [accountIndex, balances] });
 */
export function definePlugin<T extends SluicePlugin>(plugin: T): T {
  return plugin;
}

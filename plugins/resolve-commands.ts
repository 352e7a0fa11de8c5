// Collects the plugins' commands, checked against the contract; a command name belongs to one plugin.
import { commandDefinitionProblem } from '../core/commands/command-definition.js';
import type { DeclaredCommand } from '../core/commands/command-bus.js';
import { SluiceError } from '../core/errors.js';
import type { SluicePlugin } from './define-plugin.js';

export function resolveCommands(plugins: readonly SluicePlugin[]): DeclaredCommand[] {
  const owners = new Map<string, string>();
  const commands: DeclaredCommand[] = [];
  for (const plugin of plugins) {
    for (const [name, definition] of Object.entries(plugin.commands ?? {})) {
      const problem = commandDefinitionProblem(name, definition);
      if (problem !== undefined) throw new SluiceError('PLUGIN_INVALID', { plugin: plugin.name, reason: problem });
      const owner = owners.get(name);
      if (owner !== undefined) throw new SluiceError('PLUGIN_INVALID', { plugin: plugin.name, reason: `command name ${name} is already taken by plugin ${owner}` });
      owners.set(name, plugin.name);
      commands.push({ name, plugin: plugin.name, definition });
    }
  }
  return commands;
}

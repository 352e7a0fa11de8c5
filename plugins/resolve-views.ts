// Turns the plugins' view sources into checked view definitions: classes are resolved through the store's child
// container (so they receive services by token), and every view is checked against the contract.
import type { DependencyContainer } from '../core/di.js';
import { SluiceError } from '../core/errors.js';
import { viewDefinitionProblem, type ViewClass, type ViewDefinition } from '../core/view-engine/view-definition.js';
import type { SluicePlugin } from './define-plugin.js';

function construct(source: ViewClass, plugin: SluicePlugin, container: DependencyContainer): unknown {
  try {
    return container.resolve(source);
  } catch (err) {
    throw new SluiceError('PLUGIN_INVALID', {
      plugin: plugin.name,
      reason: `view class ${source.name || '(anonymous)'} could not be constructed (decorate it @injectable() and each parameter @inject(TOKEN)): ${(err as Error).message}`,
    }, { cause: err });
  }
}

export function resolveViews(plugins: readonly SluicePlugin[], container: DependencyContainer): ViewDefinition[] {
  const owners = new Map<string, string>();
  const views: ViewDefinition[] = [];
  for (const plugin of plugins) {
    for (const source of plugin.views ?? []) {
      const view = typeof source === 'function' ? construct(source, plugin, container) : source;
      const problem = viewDefinitionProblem(view);
      if (problem !== undefined) throw new SluiceError('PLUGIN_INVALID', { plugin: plugin.name, reason: problem });
      const def = view as ViewDefinition;
      const owner = owners.get(def.name);
      if (owner !== undefined) {
        throw new SluiceError('PLUGIN_INVALID', { plugin: plugin.name, reason: `view name ${def.name} is already taken by plugin ${owner}` });
      }
      owners.set(def.name, plugin.name);
      views.push(def);
    }
  }
  return views;
}

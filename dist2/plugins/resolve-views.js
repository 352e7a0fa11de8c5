import { SluiceError } from '../core/errors.js';
import { viewDefinitionProblem } from '../core/view-engine/view-definition.js';
function construct(source, plugin, container) {
    try {
        return container.resolve(source);
    }
    catch (err) {
        throw new SluiceError('PLUGIN_INVALID', {
            plugin: plugin.name,
            reason: `view class ${source.name || '(anonymous)'} could not be constructed (decorate it @injectable() and each parameter @inject(TOKEN)): ${err.message}`,
        }, { cause: err });
    }
}
export function resolveViews(plugins, container) {
    const owners = new Map();
    const views = [];
    for (const plugin of plugins) {
        for (const source of plugin.views ?? []) {
            const view = typeof source === 'function' ? construct(source, plugin, container) : source;
            const problem = viewDefinitionProblem(view);
            if (problem !== undefined)
                throw new SluiceError('PLUGIN_INVALID', { plugin: plugin.name, reason: problem });
            const def = view;
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
//# sourceMappingURL=resolve-views.js.map
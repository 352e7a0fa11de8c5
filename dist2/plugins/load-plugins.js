// Loads plugins given as module specifiers (from the configuration) or as objects (from the embedded API).
// A bad plugin stops start-up with PLUGIN_LOAD_FAILED (the module did not load) or PLUGIN_INVALID (wrong shape).
import { createRequire, isBuiltin } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SluiceError } from '../core/errors.js';
function isPathLike(spec) {
    return spec.startsWith('.') || isAbsolute(spec);
}
/** Turns a specifier into something `import()` can load from `baseDir`'s point of view. */
function resolveSpecifier(spec, baseDir) {
    if (spec.startsWith('file:') || isBuiltin(spec))
        return spec;
    if (isPathLike(spec))
        return pathToFileURL(resolve(baseDir, spec)).href;
    try {
        return pathToFileURL(createRequire(join(baseDir, 'noop.js')).resolve(spec)).href;
    }
    catch {
        return spec; // let import() resolve it (packages with import-only exports)
    }
}
/** Checks a candidate's shape; `label` names it in errors until it has a name of its own. */
export function checkPlugin(candidate, label) {
    if (candidate === null || typeof candidate !== 'object') {
        throw new SluiceError('PLUGIN_INVALID', { plugin: label, reason: 'a plugin must be an object { name, views } (use definePlugin)' });
    }
    const plugin = candidate;
    if (typeof plugin.name !== 'string' || plugin.name.trim() === '') {
        throw new SluiceError('PLUGIN_INVALID', { plugin: label, reason: 'it has no name (a non-empty string)' });
    }
    if (plugin.views !== undefined && !Array.isArray(plugin.views)) {
        throw new SluiceError('PLUGIN_INVALID', { plugin: plugin.name, reason: 'views must be an array' });
    }
    return plugin;
}
async function importPlugin(spec, baseDir) {
    let mod;
    try {
        mod = (await import(resolveSpecifier(spec, baseDir)));
    }
    catch (err) {
        throw new SluiceError('PLUGIN_LOAD_FAILED', { plugin: spec, reason: err.message ?? String(err) }, { cause: err });
    }
    const exported = mod.default ?? mod.plugin;
    if (exported === undefined) {
        throw new SluiceError('PLUGIN_INVALID', { plugin: spec, reason: 'the module exports no plugin (export default definePlugin({...}))' });
    }
    return checkPlugin(exported, spec);
}
export async function loadPlugins(specs, options = {}) {
    const baseDir = options.baseDir ?? process.cwd();
    const plugins = [];
    for (const [i, spec] of specs.entries()) {
        plugins.push(typeof spec === 'string' ? await importPlugin(spec, baseDir) : checkPlugin(spec, `#${i + 1}`));
    }
    const seen = new Set();
    for (const plugin of plugins) {
        if (seen.has(plugin.name))
            throw new SluiceError('PLUGIN_INVALID', { plugin: plugin.name, reason: 'another plugin has the same name' });
        seen.add(plugin.name);
    }
    return plugins;
}
//# sourceMappingURL=load-plugins.js.map
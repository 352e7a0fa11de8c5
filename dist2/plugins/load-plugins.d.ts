import type { SluicePlugin } from './define-plugin.js';
export interface LoadPluginsOptions {
    /** Folder relative module paths are resolved against (the config file's folder). Default: the working directory. */
    readonly baseDir?: string;
}
/** Checks a candidate's shape; `label` names it in errors until it has a name of its own. */
export declare function checkPlugin(candidate: unknown, label: string): SluicePlugin;
export declare function loadPlugins(specs: readonly unknown[], options?: LoadPluginsOptions): Promise<SluicePlugin[]>;

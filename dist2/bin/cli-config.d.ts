import { type ServerConfig } from '../config/config.js';
export interface ConfigFlags {
    readonly config?: string;
    readonly dataDir?: string;
}
export declare function loadCliConfig(flags: ConfigFlags, env: NodeJS.ProcessEnv, cwd: string): Promise<ServerConfig>;
/** Where the store keeps its log inside a data directory. */
export declare function logDirOf(dataDir: string): string;

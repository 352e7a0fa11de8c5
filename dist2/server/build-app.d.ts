import { type FastifyInstance, type FastifyServerFactory } from 'fastify';
import type { Store } from '../core/store-api.js';
import { ApiKeyRing } from '../config/api-keys.js';
import { type ServerConfigInput } from '../config/config.js';
import type { RouteContext } from './route-context.js';
export interface BuildAppOptions {
    readonly store: Store;
    readonly config?: ServerConfigInput;
    /** For start.ts: serve through an http.Server it created (and already listens on). */
    readonly serverFactory?: FastifyServerFactory;
    /** Where request logs go (default stdout). */
    readonly logStream?: NodeJS.WritableStream;
    /** The API keys (start.ts reads them once for its bind check); default: from the config and its keys file. */
    readonly keys?: ApiKeyRing;
}
declare module 'fastify' {
    interface FastifyInstance {
        /** Shared services of this app (tests and start.ts read them; routes get them as plugin options). */
        readonly sluice: RouteContext;
    }
}
export declare function buildApp(options: BuildAppOptions): FastifyInstance;

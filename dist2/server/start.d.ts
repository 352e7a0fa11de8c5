import { type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Store } from '../core/store-api.js';
import { ApiKeyRing } from '../config/api-keys.js';
import { type ServerConfig, type ServerConfigInput } from '../config/config.js';
export interface RunningServer {
    readonly app: FastifyInstance;
    readonly store: Store;
    readonly server: Server;
    /** e.g. http://127.0.0.1:7070 */
    readonly url: string;
    /** Graceful shutdown; resolves once the log is synced and closed. Safe to call twice. */
    close(): Promise<void>;
}
export interface StartOptions {
    /** Install SIGTERM/SIGINT handlers that close gracefully and exit (default true; tests in-process pass false). */
    readonly handleSignals?: boolean;
    /** Called once the socket listens, before the store opens (the server answers 503 until it is ready). */
    readonly onListening?: (url: string) => void | Promise<void>;
}
/** True for addresses only this host can reach: localhost, 127.0.0.0/8, ::1 (also IPv4-mapped). */
export declare function isLoopbackHost(host: string): boolean;
/** Throws SLUICE_ERR_AUTH_INSECURE_BIND for a reachable address with no keys, unless the risk was accepted. */
export declare function checkBind(config: ServerConfig, keys: ApiKeyRing): void;
export declare function startServer(input?: ServerConfigInput, options?: StartOptions): Promise<RunningServer>;

import { type IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Store, StoreOptions } from '../../core/store-api.js';
import type { ServerConfigInput } from '../../config/config.js';
export interface HttpFixture {
    readonly dir: string;
    readonly store: Store;
    readonly app: FastifyInstance;
    /** Set after listen(). */
    url: string;
    listen(): Promise<string>;
    close(): Promise<void>;
}
export declare function openHttpFixture(config?: ServerConfigInput, storeOptions?: Partial<StoreOptions>): Promise<HttpFixture>;
/** Polls `check` (on timers, never a fixed sleep) until it returns true or `timeoutMs` passes. */
export declare function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs?: number, what?: string): Promise<void>;
export interface OpenResponse {
    readonly res: IncomingMessage;
    /** Every byte received so far. */
    readonly body: () => Buffer;
    /** Resolves once the accumulated body satisfies `check`. */
    waitFor(check: (body: Buffer) => boolean, timeoutMs?: number, what?: string): Promise<Buffer>;
    readonly ended: Promise<void>;
    destroy(): void;
}
/** Opens a GET over a real socket and accumulates the streamed body. */
export declare function openStream(url: string, headers?: Record<string, string>): Promise<OpenResponse>;
/** Parses an SSE body into its events (id, event, data). */
export declare function parseSse(text: string): Array<{
    id?: string;
    event?: string;
    data?: string;
}>;
/** Splits an NDJSON body into parsed objects, skipping heartbeat blank lines and a partial last line. */
export declare function parseNdjson(text: string): Array<Record<string, unknown>>;
/** Decodes the binary item stream: [u64 offset][u32 length][payload]. */
export declare function parseBinaryItems(buf: Buffer): Array<{
    offset: number;
    payload: Buffer;
}>;

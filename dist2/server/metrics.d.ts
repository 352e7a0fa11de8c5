import { Registry } from 'prom-client';
import type { Store } from '../core/store-api.js';
import type { LiveRegistry } from './live-registry.js';
export interface ServerMetrics {
    readonly registry: Registry;
    /** Counts one acknowledged append request. */
    appended(events: number, bodyBytes: number): void;
    /** Records one finished request. */
    observeRequest(method: string, route: string, statusCode: number, seconds: number): void;
}
export declare function createMetrics(store: Store, live: LiveRegistry): ServerMetrics;

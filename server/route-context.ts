// What every route plugin receives: the store it maps onto HTTP and the app's shared services.
import type { Store } from '../core/store-api.js';
import type { ServerConfig } from './config.js';
import type { LiveRegistry } from './live-registry.js';
import type { ServerMetrics } from './metrics.js';
import type { RouteScope } from './route-config.js';

/** A registered route and the scope it requires (collected as routes register, so nothing is hand-listed). */
export interface RouteRecord {
  readonly method: string;
  readonly url: string;
  readonly scope: RouteScope;
}

export interface RouteContext {
  readonly store: Store;
  readonly config: ServerConfig;
  readonly metrics: ServerMetrics;
  readonly live: LiveRegistry;
  readonly routes: readonly RouteRecord[];
}

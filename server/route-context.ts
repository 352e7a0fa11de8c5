// What every route plugin receives: the store it maps onto HTTP and the app's shared services.
import type { Store } from '../core/store-api.js';
import type { ApiKeyRing } from '../config/api-keys.js';
import type { ServerConfig } from '../config/config.js';
import type { LiveRegistry } from './live-registry.js';
import type { LiveSlots } from './live-slots.js';
import type { ServerMetrics } from './metrics.js';
import type { RouteScope } from './route-config.js';
import type { ReaderPacer } from './reader-pacer.js';
import type { SseTokens } from './sse-tokens.js';

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
  /** Caps on open live responses, global and per key. */
  readonly liveSlots: LiveSlots;
  readonly routes: readonly RouteRecord[];
  readonly keys: ApiKeyRing;
  readonly tokens: SseTokens;
  /** Slows log streams while the event loop lags, so writers keep it. */
  readonly pacer: ReaderPacer;
}

// Runs a view query for a route: the engine decides whether the view can answer (see
// core/view-engine/view-availability.ts) and honours read-your-writes; the route reports the position in a header.
import type { Offset } from '../core/log/event-log.js';
import type { QueryAnswer, Store } from '../core/store-api.js';
import { clusterCatchUp } from './cluster-catch-up.js';

export { DEFAULT_AFTER_TIMEOUT_MS, type QueryAnswer } from '../core/store-api.js';

/** `after` waits (within `timeoutMs` in all) for this node's log to hold the offset, then for the view to apply it. */
export async function runViewQuery(
  store: Pick<Store, 'cluster' | 'log' | 'views'>, view: string, query: string, params: Record<string, unknown>,
  freshness: { after?: Offset; timeoutMs: number },
): Promise<QueryAnswer> {
  const started = Date.now();
  if (freshness.after !== undefined) await clusterCatchUp(store, freshness.after, freshness.timeoutMs);
  return store.views.answer(view, query, params, { ...freshness, timeoutMs: Math.max(0, freshness.timeoutMs - (Date.now() - started)) });
}

export function positionHeader(position: Offset | null): string {
  return position === null ? 'none' : String(position);
}

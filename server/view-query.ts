// Runs a view query for a route: the engine decides whether the view can answer (see
// core/view-engine/view-availability.ts) and honours read-your-writes; the route reports the position in a header.
import type { Offset } from '../core/log/event-log.js';
import type { QueryAnswer, ViewEngine } from '../core/store-api.js';

export { DEFAULT_AFTER_TIMEOUT_MS, type QueryAnswer } from '../core/store-api.js';

export function runViewQuery(
  views: ViewEngine, view: string, query: string, params: Record<string, unknown>,
  freshness: { after?: Offset; timeoutMs: number },
): Promise<QueryAnswer> {
  return views.answer(view, query, params, freshness);
}

export function positionHeader(position: Offset | null): string {
  return position === null ? 'none' : String(position);
}

// Runs a view query for a route: refuses while the view rebuilds or has failed (503), honours read-your-writes
// (`after` + `timeout`), and reports the position the answer is at least as fresh as.
import { SluiceError } from '../core/errors.js';
import type { Offset } from '../core/log/event-log.js';
import type { ViewEngine, ViewStatus } from '../core/store-api.js';

export const DEFAULT_AFTER_TIMEOUT_MS = 5_000;

export interface QueryAnswer {
  readonly result: unknown;
  /** The view's position before the query ran: the answer reflects at least the log up to here. */
  readonly position: Offset | null;
}

/** Throws the 503 a view that cannot answer now deserves. A blue-green rebuild keeps serving (`serving: true`). */
export function assertServing(status: ViewStatus): void {
  if (status.serving === true) return;
  if (status.state === 'rebuilding') {
    throw new SluiceError('VIEW_REBUILDING', {
      view: status.name, percent: Math.floor(status.progress * 100), progress: status.progress, etaMs: status.etaMs ?? undefined, position: status.position,
    });
  }
  if (status.state === 'failed') {
    throw new SluiceError('VIEW_FAILED', { view: status.name, offset: status.error?.offset ?? 'unknown', reason: status.error?.message ?? 'unknown error', position: status.position });
  }
}

export async function runViewQuery(
  views: ViewEngine, view: string, query: string, params: Record<string, unknown>,
  freshness: { after?: Offset; timeoutMs: number },
): Promise<QueryAnswer> {
  assertServing(views.statusOf(view));
  if (freshness.after !== undefined) await views.waitFor(view, freshness.after, freshness.timeoutMs);
  const status = views.statusOf(view);
  assertServing(status);
  return { result: await views.query(view, query, params), position: status.position };
}

export function positionHeader(position: Offset | null): string {
  return position === null ? 'none' : String(position);
}

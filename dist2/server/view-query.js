// Runs a view query for a route: refuses while the view rebuilds or has failed (503), honours read-your-writes
// (`after` + `timeout`), and reports the position the answer is at least as fresh as.
import { SluiceError } from '../core/errors.js';
export const DEFAULT_AFTER_TIMEOUT_MS = 5_000;
/** Throws the 503 a view that cannot answer now deserves. A blue-green rebuild keeps serving (`serving: true`). */
export function assertServing(status) {
    if (status.serving === true)
        return;
    if (status.state === 'rebuilding') {
        throw new SluiceError('VIEW_REBUILDING', {
            view: status.name, percent: Math.floor(status.progress * 100), progress: status.progress, etaMs: status.etaMs ?? undefined, position: status.position,
        });
    }
    if (status.state === 'failed') {
        throw new SluiceError('VIEW_FAILED', { view: status.name, offset: status.error?.offset ?? 'unknown', reason: status.error?.message ?? 'unknown error', position: status.position });
    }
}
export async function runViewQuery(views, view, query, params, freshness) {
    assertServing(views.statusOf(view));
    if (freshness.after !== undefined)
        await views.waitFor(view, freshness.after, freshness.timeoutMs);
    const status = views.statusOf(view);
    assertServing(status);
    return { result: await views.query(view, query, params), position: status.position };
}
export function positionHeader(position) {
    return position === null ? 'none' : String(position);
}
//# sourceMappingURL=view-query.js.map
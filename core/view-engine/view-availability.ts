// The one decision of whether a view can answer a query now, from its status: ready, or rebuilding blue-green while
// the previous build serves. Otherwise the typed error says why (rebuilding with progress and ETA, failed at an
// offset, or stalled before a damaged record), with the same details for HTTP and embedded callers.
import { SluiceError } from '../errors.js';
import type { ViewStatus } from '../store-api.js';

/** The error a query to a view in this status meets, or undefined when the view answers. */
export function unavailability(status: ViewStatus): SluiceError | undefined {
  if (status.serving ?? status.state === 'ready') return undefined;
  if (status.state === 'failed') {
    return new SluiceError('VIEW_FAILED', {
      view: status.name, offset: status.error?.offset ?? null, reason: status.error?.message ?? 'unknown error', position: status.position,
    });
  }
  if (status.state === 'stalled') {
    const offset = status.error?.offset ?? null;
    const reason = status.error?.message ?? 'damaged record';
    return new SluiceError('VIEW_STALLED', { view: status.name, offset, reason, position: status.position, stalled: { offset, reason } });
  }
  return new SluiceError('VIEW_REBUILDING', {
    view: status.name, percent: Math.floor(status.progress * 100), progress: status.progress, etaMs: status.etaMs ?? undefined, position: status.position,
  });
}

/** Throws the error a query to a view in this status meets. */
export function assertAnswers(status: ViewStatus): void {
  const error = unavailability(status);
  if (error) throw error;
}

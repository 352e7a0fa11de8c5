// The one parser for `expectedRevision`, shared by HTTP (JSON body, query string), the CLI flag and the log itself.
import { SluiceError } from '../errors.js';
import type { ExpectedRevision } from './event-log.js';

const NAMED_REVISIONS = new Set(['no_stream', 'exists', 'any']);

/**
 * An expected revision from a JSON value (a non-negative integer or a name) or, with `fromText`, from text (digits
 * or a name: a query string, a command-line flag). Throws SLUICE_ERR_EVENT_INVALID naming what it got.
 */
export function parseExpectedRevision(value: unknown, fromText = false): ExpectedRevision | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && NAMED_REVISIONS.has(value)) return value as ExpectedRevision;
  if (fromText && typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  if (!fromText && typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return value;
  throw new SluiceError('EVENT_INVALID', {
    reason: `expectedRevision must be a non-negative integer, "no_stream", "exists" or "any" (got ${JSON.stringify(value)})`,
  });
}

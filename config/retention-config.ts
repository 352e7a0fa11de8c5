// The `retention` section of the configuration: whole sealed log segments older than `maxAgeMs` or beyond
// `maxBytes` of log are removed (docs/operations.md, "Retention"). Absent or null: everything is kept.
import { SluiceError } from '../core/errors.js';

export interface RetentionConfig {
  readonly maxAgeMs?: number;
  readonly maxBytes?: number;
}

export type RetentionConfigInput = { readonly maxAgeMs?: number | string; readonly maxBytes?: number | string } | null;

function invalid(field: string, reason: string): SluiceError {
  return new SluiceError('CONFIG_INVALID', { field, reason });
}

function nonNegativeInt(field: string, value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) throw invalid(field, `must be an integer >= 0 (got ${JSON.stringify(value)})`);
  return n;
}

function validate(input: RetentionConfigInput | undefined, field: string): RetentionConfig | null {
  if (input === null || input === undefined) return null;
  if (typeof input !== 'object' || Array.isArray(input)) throw invalid(field, 'must be an object {maxAgeMs?, maxBytes?} or null');
  for (const key of Object.keys(input)) if (key !== 'maxAgeMs' && key !== 'maxBytes') throw invalid(`${field}.${key}`, 'is not a known setting');
  const out: { maxAgeMs?: number; maxBytes?: number } = {};
  if (input.maxAgeMs !== undefined) out.maxAgeMs = nonNegativeInt(`${field}.maxAgeMs`, input.maxAgeMs);
  if (input.maxBytes !== undefined) out.maxBytes = nonNegativeInt(`${field}.maxBytes`, input.maxBytes);
  return out.maxAgeMs === undefined && out.maxBytes === undefined ? null : out;
}

/** Validates a retention section over `base` (settings merge field by field); null turns retention off. */
export function resolveRetentionConfig(input: RetentionConfigInput | undefined, base: RetentionConfig | null, field: string): RetentionConfig | null {
  if (input === undefined) return validate(base, field);
  if (input === null || base === null) return validate(input, field);
  return validate({ ...base, ...input }, field);
}

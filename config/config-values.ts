// Validation of single configuration values: a bad one is SLUICE_ERR_CONFIG_INVALID naming its field.
import { SluiceError } from '../core/errors.js';

export function invalid(field: string, reason: string): SluiceError {
  return new SluiceError('CONFIG_INVALID', { field, reason });
}

export function positiveInt(field: string, value: unknown, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < min) throw invalid(field, `must be an integer >= ${min} (got ${JSON.stringify(value)})`);
  if (n > max) throw invalid(field, `must be at most ${max} (got ${n})`);
  return n;
}

// The one parser for an event written as JSON, shared by HTTP appends and the CLI (append, append --batch, import):
// {type, data?, encoding?, meta?, tags?, ts?}. Strict on purpose (no coercion, unknown fields refused, sizes and
// nesting bounded): whatever is accepted is stored forever. Failures are SLUICE_ERR_EVENT_INVALID naming the field.
import { SluiceError } from '../errors.js';
import type { NewEvent } from '../log/event-log.js';

export interface EventLimits {
  readonly maxTypeLength: number;
  readonly maxMetaBytes: number;
  readonly maxTags: number;
  readonly maxTagLength: number;
  readonly maxJsonDepth: number;
}

export interface EventJsonOptions {
  /** Prefix naming the event in errors, e.g. `events[3].` (default: none). */
  readonly where?: string;
  /** Fields allowed beside the event's own and ignored (an exported record's `stream`, `offset`, `revision` ...). */
  readonly ignore?: ReadonlySet<string>;
  /** The type when the JSON has none (the CLI's --type). */
  readonly defaultType?: string;
  /** Keep `ts` (default true); false drops it so the log stamps the append time. */
  readonly keepTs?: boolean;
}

export const EVENT_FIELDS: ReadonlySet<string> = new Set(['type', 'id', 'data', 'encoding', 'meta', 'tags', 'ts']);
/** The fields a record read back carries beside its event's: ignored when a record is appended again (import). */
export const RECORD_FIELDS: ReadonlySet<string> = new Set(['offset', 'next', 'stream', 'revision', 'binary']);
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export function invalidEvent(reason: string): SluiceError {
  return new SluiceError('EVENT_INVALID', { reason });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value);
}

export function checkEventType(type: unknown, where: string, maxLength: number): string {
  if (typeof type !== 'string' || type.length === 0 || type.length > maxLength) throw invalidEvent(`${where}type must be a string of 1-${maxLength} characters`);
  return type;
}

/**
 * Refuses JSON nested deeper than `max` arrays/objects. Such a value can be parsed and stored, yet every later
 * JSON.stringify of it (reads, views) may overflow the stack: one event would make its stream unreadable.
 */
function checkDepth(value: unknown, where: string, max: number): void {
  const stack: Array<[unknown, number]> = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth > max) throw invalidEvent(`${where} is nested more than ${max} levels deep`);
    for (const child of Array.isArray(item) ? item : Object.values(item)) if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
  }
}

/** Size of a value as JSON; a value that cannot be JSON (too deep) counts as too large. */
function jsonBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value));
  } catch {
    return Infinity;
  }
}

export function parseEventJson(value: unknown, limits: EventLimits, options: EventJsonOptions = {}): NewEvent {
  const where = options.where ?? '';
  if (!isPlainObject(value)) throw invalidEvent(`${where || 'the event '}must be an object`);
  for (const key of Object.keys(value)) {
    if (!EVENT_FIELDS.has(key) && !options.ignore?.has(key)) throw invalidEvent(`${where}${key} is not an event field (type, id, data, encoding, meta, tags, ts)`);
  }
  const event: { -readonly [K in keyof NewEvent]: NewEvent[K] } = { type: checkEventType(value.type ?? options.defaultType, where, limits.maxTypeLength) };
  // The log checks the id (SLUICE_ERR_EVENT_ID_INVALID): one rule for HTTP, the CLI and the embedded API.
  if (value.id !== undefined) event.id = value.id as string;
  if (value.encoding !== undefined) {
    // Binary payloads in JSON, as records are read back: {"data": "<base64>", "encoding": "base64"}.
    if (value.encoding !== 'base64') throw invalidEvent(`${where}encoding must be "base64"`);
    if (typeof value.data !== 'string' || !BASE64.test(value.data)) throw invalidEvent(`${where}data must be base64 text when encoding is "base64"`);
    event.data = Buffer.from(value.data, 'base64');
  } else if (value.data !== undefined) {
    checkDepth(value.data, `${where}data`, limits.maxJsonDepth);
    event.data = value.data;
  }
  if (value.meta !== undefined) {
    if (!isPlainObject(value.meta)) throw invalidEvent(`${where}meta must be an object`);
    checkDepth(value.meta, `${where}meta`, limits.maxJsonDepth);
    if (jsonBytes(value.meta) > limits.maxMetaBytes) throw invalidEvent(`${where}meta is larger than ${limits.maxMetaBytes} bytes of JSON`);
    event.meta = value.meta;
  }
  if (value.tags !== undefined) {
    const { maxTags, maxTagLength } = limits;
    if (!Array.isArray(value.tags) || !value.tags.every((t) => typeof t === 'string' && t.length > 0 && t.length <= maxTagLength) || value.tags.length > maxTags) {
      throw invalidEvent(`${where}tags must be an array of at most ${maxTags} strings of 1-${maxTagLength} characters`);
    }
    event.tags = value.tags as string[];
  }
  if (value.ts !== undefined && options.keepTs !== false) {
    if (typeof value.ts !== 'number' || !Number.isSafeInteger(value.ts) || value.ts < 0) throw invalidEvent(`${where}ts must be a non-negative integer (ms since the epoch)`);
    event.ts = value.ts;
  }
  return event;
}

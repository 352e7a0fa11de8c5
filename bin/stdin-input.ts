// Reading commands' input: all of stdin as bytes, or NDJSON lines one at a time (with their line numbers).
import { createInterface } from 'node:readline';
import { isSluiceError, SluiceError } from '../core/errors.js';
import { parseEventJson, RECORD_FIELDS, type EventLimits } from '../core/wire/event-json.js';
import type { ExpectedRevision, NewEvent } from '../core/log/event-log.js';

export async function readAll(input: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Non-empty NDJSON lines as parsed objects; a line that is not a JSON object fails with its number. */
export async function* readNdjson(input: NodeJS.ReadableStream): AsyncGenerator<{ line: number; value: Record<string, unknown> }> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      throw new SluiceError('CLI_INPUT_INVALID', { line, reason: `not JSON (${(err as Error).message})` });
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new SluiceError('CLI_INPUT_INVALID', { line, reason: 'expected a JSON object' });
    yield { line, value: value as Record<string, unknown> };
  }
}

/**
 * An event from an NDJSON line, through the same parser as HTTP appends (core/wire/event-json.ts); the fields of an
 * exported record (stream, offset, revision ...) are allowed and ignored. A bad line fails naming its number.
 */
export function eventFromJson(value: Record<string, unknown>, line: number, limits: EventLimits, defaults: { type?: string; keepTs?: boolean } = {}): NewEvent {
  try {
    return parseEventJson(value, limits, { ignore: RECORD_FIELDS, defaultType: defaults.type, keepTs: defaults.keepTs === true });
  } catch (err) {
    if (isSluiceError(err, 'EVENT_INVALID')) throw new SluiceError('CLI_INPUT_INVALID', { line, reason: err.details.reason }, { cause: err });
    throw err;
  }
}

export interface PendingWrite {
  readonly stream: string;
  readonly events: NewEvent[];
  readonly expectedRevision?: ExpectedRevision;
}

/** Adds `event` to the last write when it is for the same stream, else starts a write: line order is log order. */
export function addToWrites(writes: PendingWrite[], stream: string, event: NewEvent, expectedRevision?: ExpectedRevision): void {
  const last = writes[writes.length - 1];
  if (last !== undefined && last.stream === stream) last.events.push(event);
  else writes.push({ stream, events: [event], ...(expectedRevision === undefined ? {} : { expectedRevision }) });
}

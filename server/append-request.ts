// Turns an append request (JSON single event, JSON batch, or raw bytes + query string) into core events, with the
// event and expectedRevision parsers the CLI shares (core/wire/event-json.ts, core/wire/expected-revision.ts).
import { SluiceError } from '../core/errors.js';
import { STREAM_NAME } from '../core/log/event-codec.js';
import type { ExpectedRevision, NewEvent, StreamWrite } from '../core/log/event-log.js';
import { checkEventType, invalidEvent as invalid, isPlainObject, parseEventJson } from '../core/wire/event-json.js';
import { parseExpectedRevision } from '../core/log/expected-revision.js';
import type { ServerLimits } from '../config/config.js';

/** The log's own stream-name rule; `limits.maxStreamNameLength` may only shorten it. */
export { STREAM_NAME, parseExpectedRevision };

export type EventLimits = Pick<ServerLimits, 'maxBatchEvents' | 'maxStreamNameLength' | 'maxTypeLength' | 'maxMetaBytes' | 'maxTags' | 'maxTagLength' | 'maxJsonDepth'>;

const BATCH_FIELDS = new Set(['events', 'expectedRevision']);

export interface AppendRequest {
  readonly events: NewEvent[];
  readonly expectedRevision?: ExpectedRevision;
}

export function checkStreamName(stream: string, maxLength: number): void {
  if (stream.length > maxLength || !STREAM_NAME.test(stream)) {
    // Quote at most a little more than the limit: the name is echoed in the answer and the log.
    const shown = stream.length > maxLength + 20 ? `${stream.slice(0, maxLength + 20)}...` : stream;
    throw new SluiceError('STREAM_NAME_INVALID', { stream: JSON.stringify(shown), max: maxLength });
  }
}

export function parseJsonAppend(body: unknown, query: Record<string, unknown>, limits: EventLimits): AppendRequest {
  const maxEvents = limits.maxBatchEvents;
  const fromQuery = parseExpectedRevision(query.expectedRevision, true);
  if (!isPlainObject(body)) throw invalid('the body must be one event {"type","data"} or a batch {"events":[...]}');
  if (!('events' in body)) return { events: [parseEventJson(body, limits, { where: '' })], expectedRevision: fromQuery };
  for (const key of Object.keys(body)) if (!BATCH_FIELDS.has(key)) throw invalid(`${key} is not a batch field (events, expectedRevision)`);
  const { events } = body;
  if (!Array.isArray(events) || events.length === 0) throw invalid('events must be a non-empty array');
  if (events.length > maxEvents) throw invalid(`a batch holds at most ${maxEvents} events (got ${events.length})`);
  const expectedRevision = parseExpectedRevision(body.expectedRevision, false);
  if (expectedRevision !== undefined && fromQuery !== undefined && expectedRevision !== fromQuery) throw invalid('expectedRevision in the body and the query string disagree');
  return { events: events.map((e, i) => parseEventJson(e, limits, { where: `events[${i}].` })), expectedRevision: expectedRevision ?? fromQuery };
}

const MULTI_FIELDS = new Set(['writes']);
const WRITE_FIELDS = new Set(['stream', 'expectedRevision', 'events']);

/** POST /append: {"writes":[{"stream","expectedRevision"?,"events":[...]}, ...]}, at most maxBatchEvents events in all. */
export function parseMultiAppend(body: unknown, limits: EventLimits): StreamWrite[] {
  if (!isPlainObject(body)) throw invalid('the body must be {"writes":[{"stream","expectedRevision"?,"events":[...]}, ...]}');
  for (const key of Object.keys(body)) if (!MULTI_FIELDS.has(key)) throw invalid(`${key} is not a field of a multi-stream append (writes)`);
  const { writes } = body;
  if (!Array.isArray(writes) || writes.length === 0) throw invalid('writes must be a non-empty array');
  let total = 0;
  return writes.map((write, w) => {
    const where = `writes[${w}].`;
    if (!isPlainObject(write)) throw invalid(`${where.slice(0, -1)} must be an object`);
    for (const key of Object.keys(write)) if (!WRITE_FIELDS.has(key)) throw invalid(`${where}${key} is not a write field (stream, expectedRevision, events)`);
    if (typeof write.stream !== 'string') throw invalid(`${where}stream must be a string`);
    checkStreamName(write.stream, limits.maxStreamNameLength);
    const { events } = write;
    if (!Array.isArray(events) || events.length === 0) throw invalid(`${where}events must be a non-empty array`);
    total += events.length;
    if (total > limits.maxBatchEvents) throw invalid(`an append holds at most ${limits.maxBatchEvents} events in all its writes`);
    return {
      stream: write.stream,
      expectedRevision: parseExpectedRevision(write.expectedRevision, false),
      events: events.map((e, i) => parseEventJson(e, limits, { where: `${where}events[${i}].` })),
    };
  });
}

export function parseRawAppend(body: Buffer, query: Record<string, unknown>, limits: EventLimits): AppendRequest {
  if (query.type === undefined) throw invalid('a raw (non-JSON) body needs ?type=<event type>');
  const event: NewEvent = { type: checkEventType(query.type, 'query ', limits.maxTypeLength), data: body, ...(query.id === undefined ? {} : { id: query.id as string }) };
  return { events: [event], expectedRevision: parseExpectedRevision(query.expectedRevision, true) };
}

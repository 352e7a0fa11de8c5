// GET /log/:offset and GET /log: the raw log by offset, as a JSON page, NDJSON, the binary item stream or SSE,
// optionally live (streams follow appends; JSON long-polls). Resuming continues from a record's `next`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SluiceError } from '../../core/errors.js';
import { damageReason, spanOrThrow } from '../../core/log/damage-span.js';
import type { DamagedSpan, EventLog, LogRecord, Offset } from '../../core/log/event-log.js';
import { checkFilter, isEmptyFilter, matchesRecord, type RecordFilter } from '../../core/log/record-filter.js';
import { LogStream, type StreamFormat } from '../log-stream.js';
import { negotiate } from '../negotiate.js';
import { recordLine, recordToJson } from '../../core/wire/record-json.js';
import type { RouteContext } from '../route-context.js';
import { clusterCatchUp } from '../cluster-catch-up.js';
import { waitForAppend } from '../wait-for-append.js';

export const LOG_MEDIA = ['application/json', 'application/x-ndjson', 'application/octet-stream', 'text/event-stream'] as const;
const CONTENT_TYPES: Record<string, string> = {
  'application/json': 'application/json; charset=utf-8', 'application/x-ndjson': 'application/x-ndjson; charset=utf-8', 'text/event-stream': 'text/event-stream; charset=utf-8',
};
const FORMATS: Record<string, StreamFormat> = { 'application/x-ndjson': 'ndjson', 'application/octet-stream': 'binary', 'text/event-stream': 'sse' };

const DEFAULT_WAIT_MS = 30_000;
/** How long `after=<offset>` waits for a cluster node to apply that offset (unless `wait` says otherwise). */
const CLUSTER_CATCH_UP_MS = 10_000;
/** A filtered JSON page scans at most this much log; its `next` then says where to continue. */
const PAGE_SCAN_BYTES = 16 * 1024 * 1024;
const offsetSchema = { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER };

interface LogQuery {
  stream?: string;
  category?: string;
  type?: string;
  tag?: string;
  from?: number;
  after?: number;
  limit?: number;
  live?: boolean;
  wait?: number;
}

const recordSchema = {
  type: 'object',
  properties: {
    offset: { type: 'integer' }, stream: { type: 'string' }, revision: { type: 'integer' }, type: { type: 'string' }, ts: { type: 'integer' }, id: { type: 'string' },
    data: {}, encoding: { type: 'string', enum: ['base64'] }, meta: { type: 'object', additionalProperties: true },
    tags: { type: 'array', items: { type: 'string' } }, erased: { type: 'boolean' }, next: { type: 'integer' },
  },
};

/**
 * Checks that `from` is a record boundary (or the end) before anything is streamed, so errors stay clean JSON. A
 * damaged record's start is one: the read reports the damage and carries on after it.
 */
async function checkStart(log: EventLog, from: Offset): Promise<void> {
  if (from === log.end) return;
  if (from > log.end) throw new SluiceError('LOG_NO_RECORD', { offset: from });
  try {
    await log.read(from);
  } catch (err) {
    if (damageReason(err, from) === undefined) throw err;
  }
}

/** Where to continue right after the record at `offset`; after a damaged record, where the next valid one starts. */
async function nextAfter(log: EventLog, offset: Offset): Promise<Offset> {
  try {
    return (await log.read(offset)).next;
  } catch (err) {
    return spanOrThrow(log, offset, err).to;
  }
}

function damagedJson(damaged: readonly DamagedSpan[]): string {
  return damaged.length === 0 ? '' : `,"damaged":${JSON.stringify(damaged.map(({ from, to, reason }) => ({ from, to, reason })))}`;
}

/**
 * Where a read resuming after the record at `after` starts. A stream resuming after a record that retention has
 * since removed starts there anyway and opens with a gap marker (log-stream.ts), so a reconnecting EventSource or
 * client learns what it missed; a JSON page answers 410 (SLUICE_ERR_LOG_BEFORE_START) as any read below the start.
 */
async function resumePosition(log: EventLog, after: Offset, stream: boolean): Promise<Offset> {
  if (stream && after < log.start) return after;
  return nextAfter(log, after);
}

/** Parses an SSE Last-Event-ID header (an offset this server sent). */
function lastEventOffset(header: string | string[] | undefined): Offset | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || !/^\d{1,16}$/.test(value.trim())) throw new SluiceError('LOG_OFFSET_INVALID', { offset: JSON.stringify(value), param: 'Last-Event-ID' });
  return Number(value.trim());
}

/**
 * Takes a live slot for this response (429 beyond the global or per-key cap), given back when the response ends
 * or its connection closes. A live response lives long on purpose: the idle-connection timeout does not apply.
 */
function holdLiveSlot(request: FastifyRequest, reply: FastifyReply, ctx: RouteContext): void {
  const release = ctx.liveSlots.acquire(request.principal?.id);
  reply.raw.once('close', release);
  reply.raw.once('finish', release);
  const socket = request.raw.socket as { setTimeout?: (ms: number) => void } | null;
  if (typeof socket?.setTimeout === 'function') socket.setTimeout(0);
}

/** Aborts when the client goes away before the response finished, or the server shuts down. */
function requestSignal(request: FastifyRequest, reply: FastifyReply, ctx: RouteContext): { signal: AbortSignal; done: () => void } {
  const controller = new AbortController();
  const onClose = (): void => controller.abort();
  reply.raw.once('close', onClose);
  const unregister = ctx.live.add({ stop: onClose, socket: request.raw.socket });
  return { signal: controller.signal, done: () => { unregister(); reply.raw.off('close', onClose); } };
}

export async function logRoutes(app: FastifyInstance, ctx: RouteContext): Promise<void> {
  const { store, config } = ctx;
  const { log } = store;
  app.get<{ Params: { offset: number } }>('/log/:offset', {
    schema: {
      summary: 'Read the record starting at an offset', tags: ['log'],
      params: { type: 'object', required: ['offset'], properties: { offset: offsetSchema } },
      response: { 200: recordSchema },
    },
    config: { scope: 'read', validationErrors: { offset: 'LOG_OFFSET_INVALID' } },
  }, async (request) => {
    await clusterCatchUp(store, request.params.offset, CLUSTER_CATCH_UP_MS);
    return recordToJson(await log.read(request.params.offset));
  });

  app.get<{ Querystring: LogQuery }>('/log', {
    schema: {
      summary: 'Read the log from an offset (JSON page, NDJSON, binary items or SSE by Accept)', tags: ['log'],
      querystring: {
        type: 'object',
        properties: {
          from: { ...offsetSchema, description: 'record offset to start at (inclusive); default: the log start' },
          after: { ...offsetSchema, description: 'start right after the record at this offset' },
          limit: { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: `most records; JSON pages default ${config.limits.defaultPageSize}, at most ${config.limits.maxPageSize} (400 beyond); streams: unlimited by default` },
          live: { type: 'boolean', default: false, description: 'streams: keep following appends; JSON: long-poll' },
          wait: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: `JSON long-poll: ms to wait for a record (capped at ${config.limits.maxWaitMs})` },
          stream: { type: 'string', description: 'only records of this stream' },
          category: { type: 'string', description: 'only records of streams starting with this prefix' },
          type: { type: 'string', description: 'only records of this event type' },
          tag: { type: 'string', description: 'only records carrying this tag' },
          token: { type: 'string', description: 'SSE only: a token from POST /auth/sse-token, for clients that cannot send Authorization (EventSource)' },
        },
      },
      headers: { type: 'object', properties: { 'last-event-id': { type: 'string', description: 'SSE resume: continue right after this offset' } } },
    },
    config: { scope: 'read', produces: LOG_MEDIA, acceptsSseToken: true, validationErrors: { from: 'LOG_OFFSET_INVALID', after: 'LOG_OFFSET_INVALID' } },
  }, async (request, reply) => {
    const query = request.query;
    // Filtered reads still advance over records that did not match (JSON `next`, stream checkpoints).
    const filter = checkFilter({ stream: query.stream, category: query.category, type: query.type, tag: query.tag });
    const media = negotiate(request.headers.accept, LOG_MEDIA) ?? 'application/json';
    let from = query.from ?? log.start;
    const resumeAfter = media === 'text/event-stream' ? lastEventOffset(request.headers['last-event-id']) ?? query.after : query.after;
    if (resumeAfter !== undefined) await clusterCatchUp(store, resumeAfter, Math.min(query.wait ?? CLUSTER_CATCH_UP_MS, config.limits.maxWaitMs));
    if (resumeAfter !== undefined) from = await resumePosition(log, resumeAfter, media !== 'application/json');
    else await checkStart(log, from);
    const format = FORMATS[media];
    // Fastify answers HEAD by draining the GET payload: a live stream would be drained forever, a long-poll would wait.
    if (request.method === 'HEAD') return reply.type(CONTENT_TYPES[media] ?? media).send();
    if (format === undefined) return readPage(request, reply, from, query, filter);
    reply.header('cache-control', 'no-store');
    if (format === 'sse') reply.header('x-accel-buffering', 'no');
    reply.type(CONTENT_TYPES[media] ?? media);
    holdLiveSlot(request, reply, ctx);
    const live = query.live === true;
    // A live response may wait long for its first record: send the headers now so the client knows it is connected.
    if (live) reply.raw.once('pipe', () => reply.raw.flushHeaders());
    return reply.send(new LogStream({ log, from, limit: query.limit, live, heartbeatMs: config.limits.heartbeatMs, format, registry: ctx.live, socket: request.raw.socket, pacer: ctx.pacer, filter: isEmptyFilter(filter) ? undefined : filter }));
  });

  /**
   * A JSON page, built as text from each record's line (the records' JSON is the streaming formats'). With a filter,
   * `next` moves past the records scanned whether they matched or not, and a live page waits for a matching record.
   * A damaged record ends the page early: `damaged` lists its range and `next` is the next valid record.
   */
  async function readPage(request: FastifyRequest, reply: FastifyReply, from: Offset, query: LogQuery, filter: RecordFilter): Promise<FastifyReply> {
    const { maxPageSize } = config.limits;
    // One rule for every JSON page (here, /streams, /streams/:stream): a page size over the maximum is refused, not cut.
    if (query.limit !== undefined && query.limit > maxPageSize) {
      throw new SluiceError('HTTP_BAD_REQUEST', { reason: `querystring/limit must be <= ${maxPageSize} (limits.maxPageSize) for a JSON page; continue from "next"`, param: 'limit', limit: maxPageSize });
    }
    const limit = query.limit ?? config.limits.defaultPageSize;
    const match = isEmptyFilter(filter) ? undefined : (record: LogRecord) => matchesRecord(filter, record);
    const waitMs = Math.min(query.wait ?? DEFAULT_WAIT_MS, config.limits.maxWaitMs);
    const deadline = Date.now() + waitMs;
    const lines: string[] = [];
    const damaged: DamagedSpan[] = [];
    let next = from;
    let holding: { signal: AbortSignal; done: () => void } | undefined;
    try {
      for (;;) {
        if (query.live === true && log.end <= next) {
          if (holding === undefined) {
            holdLiveSlot(request, reply, ctx);
            holding = requestSignal(request, reply, ctx);
          }
          const left = deadline - Date.now();
          if (left <= 0 || await waitForAppend(log, next, left, holding.signal) !== 'append') break;
        }
        const until = log.end;
        const scanFrom = next;
        while (lines.length < limit && next < until && next - scanFrom < PAGE_SCAN_BYTES) {
          let batch: { records: LogRecord[]; next: Offset };
          try {
            batch = log.readBatch(next, { limit: match === undefined ? limit - lines.length : 4096, until });
          } catch (err) {
            // A damaged record ends the page: the records before it, the damaged range, and `next` past it.
            const span = spanOrThrow(log, next, err);
            damaged.push(span);
            next = span.to;
            break;
          }
          next = batch.next;
          for (const record of batch.records) {
            if (match !== undefined && !match(record)) continue;
            lines.push(recordLine(record));
            if (lines.length === limit) {
              next = record.next;
              break;
            }
          }
        }
        // A live filtered page keeps waiting (until `wait` runs out) while only non-matching records arrive.
        if (lines.length > 0 || damaged.length > 0 || query.live !== true || next < log.end) break;
      }
    } finally {
      holding?.done();
    }
    return reply.type('application/json; charset=utf-8').send(`{"records":[${lines.join(',')}]${damagedJson(damaged)},"next":${next},"end":${log.end}}`);
  }
}

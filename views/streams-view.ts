// First-party `streams` view: per stream its revision, event count and first/last offsets, plus the stream's
// offsets (a dupsort index, stream -> offsets in log order) so a stream reads back in revision order
// (GET /streams/:stream). A stream's revisions are consecutive in log order, so revision r is its
// (r - firstRevision)-th offset: no (stream, revision) key is needed. Query names and shapes are HTTP contract.
import { SluiceError } from '../core/errors.js';
import type { LogRecord } from '../core/log/event-log.js';
import { isTombstone } from '../core/log/tombstone.js';
import type { ApplyContext, QueryDefinition, TypedView } from '../core/view-engine/view-definition.js';
import { CURSOR_SCHEMA, decodeCursor, encodeCursor, LIMIT_SCHEMA } from './cursor.js';
import { keyRange } from './key-range.js';
import { decodeOffset, encodeOffset, OFFSETS_DB } from './offset-codec.js';
import { SortedPuts } from './sorted-puts.js';

export interface StreamSummary {
  readonly stream: string;
  /** The last event's revision. */
  readonly revision: number;
  readonly count: number;
  readonly firstOffset: number;
  readonly lastOffset: number;
}

interface Row {
  readonly revision: number;
  readonly firstRevision: number;
  readonly count: number;
  readonly firstOffset: number;
  readonly lastOffset: number;
}

/** The `streams` view's queries, typed for clients. */
export type StreamsQueries = {
  readonly get: QueryDefinition<{ stream: string }, StreamSummary>;
  readonly list: QueryDefinition<{ prefix?: string; cursor?: string; limit: number }, { streams: StreamSummary[]; cursor: string | null }, { prefix?: string; cursor?: string; limit?: number }>;
  readonly events: QueryDefinition<{ stream: string; from?: number; direction: 'forward' | 'backward'; limit: number }, { stream: string; events: LogRecord[]; next: number | null }, { stream: string; from?: number; direction?: 'forward' | 'backward'; limit?: number }>;
};

function isStream(value: unknown): value is string {
  return typeof value === 'string';
}

function summaryOf(stream: string, row: Row): StreamSummary {
  // firstRevision stays internal: the HTTP shape is {stream, revision, count, firstOffset, lastOffset}.
  return { stream, revision: row.revision, count: row.count, firstOffset: row.firstOffset, lastOffset: row.lastOffset };
}

/** In a batch: the stream was deleted at this revision (its rows go in flush). */
class Deleted {
  constructor(readonly revision: number) {}
}

function apply(record: LogRecord, ctx: ApplyContext): void {
  const { stream } = record;
  if (isTombstone(record)) {
    // A soft delete drops the stream's rows; the `deleted` row remembers it so reads answer 410, not 404.
    SortedPuts.flush(ctx.batch, ctx.dbs.offsets!);
    ctx.dbs.offsets!.remove(stream);
    ctx.batch.set(stream, new Deleted(record.revision));
    return;
  }
  SortedPuts.for(ctx.batch, ctx.dbs.offsets!).add(stream, record.offset);
  const buffered = ctx.batch.get(stream) as Row | Deleted | undefined;
  const row = buffered instanceof Deleted ? undefined : buffered ?? (ctx.dbs.streams!.get(stream) as Row | undefined);
  ctx.batch.set(stream, row === undefined
    ? { revision: record.revision, firstRevision: record.revision, count: 1, firstOffset: record.offset, lastOffset: record.offset }
    : { revision: record.revision, firstRevision: row.firstRevision, count: row.count + 1, firstOffset: row.firstOffset, lastOffset: record.offset });
}

function notFound(stream: string, ctx: { dbs: ApplyContext['dbs'] }): SluiceError {
  const deletedAt = ctx.dbs.deleted!.get(stream) as number | undefined;
  if (deletedAt !== undefined) return new SluiceError('STREAM_DELETED', { stream, revision: deletedAt });
  return new SluiceError('VIEW_KEY_NOT_FOUND', { what: `stream ${stream}`, view: 'streams', stream });
}

/**
 * The `streams` view.
 * - `get` {stream} -> {stream, revision, count, firstOffset, lastOffset}; SLUICE_ERR_VIEW_KEY_NOT_FOUND for an unknown stream,
 *   SLUICE_ERR_STREAM_DELETED for a stream whose last record is its tombstone (rows of deleted streams are dropped).
 * - `list` {prefix?, cursor?, limit?} -> {streams: [summary...], cursor: string | null}, in stream name order.
 * - `events` {stream, from?, direction?, limit?} -> {stream, events: [record...], next: revision | null}, in revision
 *   order, or newest first with direction `backward` (then `next` is the revision to continue backwards from).
 */
export function streamsView(): TypedView<'streams', StreamsQueries> {
  return {
    name: 'streams',
    version: 2,
    description: 'Every stream with its revision, event count and first/last offsets; streams read in revision order',
    dbs: { streams: {}, offsets: OFFSETS_DB, deleted: {} },
    // An erased record keeps its place in its stream (revision order needs it): reads show its marker.
    seesErased: true,
    apply,
    flush(ctx) {
      SortedPuts.flush(ctx.batch, ctx.dbs.offsets!);
      const db = ctx.dbs.streams!;
      const deleted = ctx.dbs.deleted!;
      // Rows in stream order, like the offsets: LMDB writes in key order touch each page once.
      const streams = [...ctx.batch.keys()].filter((key): key is string => typeof key === 'string').sort();
      for (const stream of streams) {
        const row = ctx.batch.get(stream) as Row | Deleted;
        if (row instanceof Deleted) {
          db.remove(stream);
          deleted.put(stream, row.revision);
        } else {
          if (row.firstRevision > 0 && deleted.get(stream) !== undefined) deleted.remove(stream); // written again after a delete
          db.put(stream, row);
        }
      }
    },
    queries: {
      get: {
        description: 'one stream\'s revision, count and first/last offsets',
        params: { type: 'object', additionalProperties: false, required: ['stream'], properties: { stream: { type: 'string', minLength: 1 } } },
        handler(p: { stream: string }, ctx) {
          const row = ctx.dbs.streams!.get(p.stream) as Row | undefined;
          if (row === undefined) throw notFound(p.stream, ctx);
          return summaryOf(p.stream, row);
        },
      },
      list: {
        description: 'streams in name order, optionally by prefix, paginated',
        params: {
          type: 'object', additionalProperties: false,
          properties: { prefix: { type: 'string' }, cursor: CURSOR_SCHEMA, limit: LIMIT_SCHEMA },
        },
        handler(p: { prefix?: string; cursor?: string; limit: number }, ctx) {
          const after = p.cursor === undefined ? undefined : decodeCursor(p.cursor, 'streams', 'list', isStream);
          const streams: StreamSummary[] = [];
          for (const { key, value } of ctx.dbs.streams!.getRange({ ...keyRange({ prefix: p.prefix }, false, after), limit: p.limit + 1 })) {
            streams.push(summaryOf(key as string, value as Row));
          }
          if (streams.length <= p.limit) return { streams, cursor: null };
          streams.length = p.limit;
          return { streams, cursor: encodeCursor(streams[streams.length - 1]!.stream) };
        },
      },
      events: {
        description: 'a stream\'s events in revision order from revision `from` (newest first with direction=backward), paginated by `next`',
        params: {
          type: 'object', additionalProperties: false, required: ['stream'],
          properties: {
            stream: { type: 'string', minLength: 1 },
            from: { type: 'integer', minimum: 0, description: 'first revision to return (default: 0 forward, the last revision backward)' },
            direction: { type: 'string', enum: ['forward', 'backward'], default: 'forward' },
            limit: LIMIT_SCHEMA,
          },
        },
        handler(p: { stream: string; from?: number; direction: 'forward' | 'backward'; limit: number }, ctx) {
          const row = ctx.dbs.streams!.get(p.stream) as Row | undefined;
          if (row === undefined) throw notFound(p.stream, ctx);
          const offsets: number[] = [];
          let next: number | null = null;
          if (p.direction === 'backward') {
            // Revision r is the (r - firstRevision)-th offset: walk the dupsort values from the end.
            const last = row.firstRevision + row.count - 1;
            const start = Math.min(p.from ?? last, last);
            if (start >= row.firstRevision) {
              const skip = last - start;
              for (const value of ctx.dbs.offsets!.getValues(p.stream, { reverse: true, offset: skip, limit: p.limit + 1 })) offsets.push(decodeOffset(value as Buffer));
              if (offsets.length > p.limit) {
                offsets.length = p.limit;
                next = start - p.limit;
              }
            }
          } else {
            const skip = Math.max(0, (p.from ?? 0) - row.firstRevision);
            if (skip < row.count) {
              for (const value of ctx.dbs.offsets!.getValues(p.stream, { offset: skip, limit: p.limit + 1 })) offsets.push(decodeOffset(value as Buffer));
              if (offsets.length > p.limit) {
                offsets.length = p.limit;
                next = row.firstRevision + skip + p.limit;
              }
            }
          }
          return { stream: p.stream, events: offsets.map((offset) => ctx.log.readSync(offset)), next };
        },
      },
    },
  };
}

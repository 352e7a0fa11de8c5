// createClient(): the whole HTTP API as typed methods over the platform fetch. No Node-only import: it runs in
// Node >= 20 and in browsers. Requests are not retried (an append may have landed); only subscribe() reconnects.
import { toBase64 } from './base64.js';
import { HttpTransport, type QueryValue } from './http-transport.js';
import { subscription, type SubscribeOptions } from './subscription.js';
import type { QueryArgs, QueryName, QueryOptions, QueryResult, ViewName } from './view-types.js';
import type {
  AppendBatchResult, AppendResult, EventInput, ExpectedRevision, Health, LogFilter, LogPage, Readiness, SluiceRecord,
  SseToken, StreamList, StreamPage, StreamWriteInput, ViewInfo,
} from './wire-types.js';

export interface ClientOptions {
  /** The server, e.g. `http://127.0.0.1:7070` (a path prefix behind a proxy is kept). */
  readonly url: string;
  /** Sent as `Authorization: Bearer <key>`. */
  readonly apiKey?: string;
  /** Per request, in ms (default 30000). View queries with `after` add their `timeout`; live streams time out only until their headers. */
  readonly timeoutMs?: number;
  /** A fetch to use instead of the global one (a proxy agent, a test double of the network). */
  readonly fetch?: typeof fetch;
  /** Extra headers on every request. */
  readonly headers?: Readonly<Record<string, string>>;
}

export interface CallOptions {
  readonly signal?: AbortSignal;
}

export interface AppendOptions extends CallOptions {
  /** Optimistic concurrency: the stream's last revision, `'no_stream'`, `'exists'` or `'any'` (the default). */
  readonly expectedRevision?: ExpectedRevision;
}

export interface ReadOptions extends LogFilter, CallOptions {
  /** First record (a record start; default the log start). */
  readonly from?: number;
  /** Start right after the record at this offset. */
  readonly after?: number;
  readonly limit?: number;
  /** Long-poll: wait up to `wait` ms for a record when none is at `from` yet. */
  readonly live?: boolean;
  readonly wait?: number;
}

export interface StreamReadOptions extends CallOptions {
  /** First revision (default 0; with `direction: 'backward'`, the last). */
  readonly from?: number;
  readonly limit?: number;
  readonly direction?: 'forward' | 'backward';
}

export interface StreamListOptions extends CallOptions {
  readonly prefix?: string;
  readonly cursor?: string;
  readonly limit?: number;
}

export interface ViewsApi<P> {
  /** Every view with its status and queries. */
  list(options?: CallOptions): Promise<ViewInfo[]>;
  /** One view's status. */
  status(view: ViewName<P>, options?: CallOptions): Promise<ViewInfo>;
  /** Runs a declared query; typed from the plugin when the client was created with `createClient<typeof plugin>`. */
  query<V extends ViewName<P>, Q extends QueryName<P, V>>(view: V, query: Q, ...args: QueryArgs<P, V, Q>): Promise<QueryResult<P, V, Q>>;
  /** As `query`, with the view's position when it answered (`Sluice-View-Position`; null before the first record). */
  queryWithPosition<V extends ViewName<P>, Q extends QueryName<P, V>>(view: V, query: Q, ...args: QueryArgs<P, V, Q>): Promise<{ result: QueryResult<P, V, Q>; position: number | null }>;
  /** Starts rebuilding the view from the start of the log (needs the `admin` scope); answers its status. */
  rebuild(view: ViewName<P>, options?: CallOptions): Promise<ViewInfo>;
}

export interface SluiceClient<P = unknown> {
  readonly url: string;
  append(stream: string, events: EventInput | readonly EventInput[], options?: AppendOptions): Promise<AppendResult>;
  /** Appends to many streams atomically (`POST /append`): every write or none. */
  appendBatch(writes: readonly StreamWriteInput[], options?: CallOptions): Promise<AppendBatchResult>;
  /** One page of the log (JSON); continue from `next`. */
  read(options?: ReadOptions): Promise<LogPage>;
  /** Every record from `from` (or after `after`) to the log end as of the last page, page by page; filters apply. */
  readAll(options?: Omit<ReadOptions, 'live' | 'wait'>): AsyncGenerator<SluiceRecord, void, undefined>;
  /** The record at `offset`. */
  get(offset: number, options?: CallOptions): Promise<SluiceRecord>;
  /** One stream's events in revision order. */
  stream(name: string, options?: StreamReadOptions): Promise<StreamPage>;
  /** Streams by name, paginated by `cursor`. */
  streams(options?: StreamListOptions): Promise<StreamList>;
  /** The live tail, reconnecting by itself and resuming after the last record yielded. */
  subscribe(options?: SubscribeOptions): AsyncGenerator<SluiceRecord, void, undefined>;
  readonly views: ViewsApi<P>;
  /** Same as `views.rebuild`. */
  rebuild(view: ViewName<P>, options?: CallOptions): Promise<ViewInfo>;
  health(options?: CallOptions): Promise<Health>;
  ready(options?: CallOptions): Promise<Readiness>;
  /** Prometheus text. */
  metrics(options?: CallOptions): Promise<string>;
  openapi(options?: CallOptions): Promise<Record<string, unknown>>;
  /** A short-lived token for a browser EventSource (`liveUrl({ token })`). */
  sseToken(options?: CallOptions): Promise<SseToken>;
  /** The URL of the SSE live tail for `new EventSource(url)`; pass a token from `sseToken()` when keys are on. */
  liveUrl(options?: { token?: string; from?: number; after?: number } & LogFilter): string;
}

function eventJson(event: EventInput): EventInput & { encoding?: 'base64' } {
  return event.data instanceof Uint8Array ? { ...event, data: toBase64(event.data), encoding: 'base64' } : event;
}

function positionOf(header: string | null): number | null {
  return header === null || header === 'none' ? null : Number(header);
}

/** A client for the Sluice server at `options.url`. Give it your plugin's type for typed view queries. */
export function createClient<P = unknown>(options: ClientOptions): SluiceClient<P> {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const transport = new HttpTransport({ url: options.url, apiKey: options.apiKey, timeoutMs: options.timeoutMs ?? 30_000, fetch: fetchImpl, headers: options.headers });
  const timeoutMs = options.timeoutMs ?? 30_000;
  const get = async <T>(path: string, query: Record<string, QueryValue> = {}, signal?: AbortSignal): Promise<T> => (await transport.json<T>(path, { query, signal })).body;
  const segment = encodeURIComponent;

  async function runQuery(view: string, query: string, params: Record<string, unknown> = {}, queryOptions: QueryOptions = {}): Promise<{ result: any; position: number | null }> {
    const url = `views/${segment(view)}/${segment(query)}`;
    const values: Record<string, QueryValue> = {};
    for (const [name, value] of Object.entries(params)) values[name] = value === undefined ? undefined : typeof value === 'object' && value !== null ? JSON.stringify(value) : (value as QueryValue);
    values.after = queryOptions.after;
    values.timeout = queryOptions.timeout;
    const extra = queryOptions.after === undefined ? 0 : queryOptions.timeout ?? 5000;
    const answer = await transport.json<unknown>(url, { query: values, signal: queryOptions.signal, timeoutMs: timeoutMs + extra });
    return { result: answer.body, position: positionOf(answer.headers.get('sluice-view-position')) };
  }

  const readPage = (read: ReadOptions = {}): Promise<LogPage> => get<LogPage>('log', {
    from: read.from, after: read.after, limit: read.limit, live: read.live, wait: read.wait,
    stream: read.stream, category: read.category, type: read.type, tag: read.tag,
  }, read.signal);

  const views: ViewsApi<P> = {
    list: async (call = {}) => (await get<{ views: ViewInfo[] }>('views', {}, call.signal)).views,
    status: (view, call = {}) => get<ViewInfo>(`views/${segment(view)}`, {}, call.signal),
    query: async (view, query, ...args) => (await runQuery(view, query, args[0] as Record<string, unknown> | undefined, args[1])).result,
    queryWithPosition: (view, query, ...args) => runQuery(view, query, args[0] as Record<string, unknown> | undefined, args[1]),
    rebuild: async (view, call = {}) => (await transport.json<ViewInfo>(`views/${segment(view)}/rebuild`, { method: 'POST', signal: call.signal })).body,
  };

  return {
    url: transport.base,
    async append(stream, events, appendOptions = {}) {
      const list = Array.isArray(events) ? (events as readonly EventInput[]) : [events as EventInput];
      const body = { events: list.map(eventJson), ...(appendOptions.expectedRevision === undefined ? {} : { expectedRevision: appendOptions.expectedRevision }) };
      return (await transport.json<AppendResult>(`streams/${segment(stream)}`, { method: 'POST', body, signal: appendOptions.signal })).body;
    },
    async appendBatch(writes, call = {}) {
      const body = { writes: writes.map((w) => ({ ...w, events: w.events.map(eventJson) })) };
      return (await transport.json<AppendBatchResult>('append', { method: 'POST', body, signal: call.signal })).body;
    },
    read: readPage,
    async *readAll(read = {}) {
      let position: { from?: number; after?: number } = { from: read.from, after: read.after };
      for (;;) {
        const page = await readPage({ ...read, ...position });
        yield* page.records;
        if (page.next >= page.end) return;
        position = { from: page.next };
      }
    },
    get: (offset, call = {}) => get<SluiceRecord>(`log/${offset}`, {}, call.signal),
    stream: (name, read = {}) => get<StreamPage>(`streams/${segment(name)}`, { from: read.from, limit: read.limit, direction: read.direction }, read.signal),
    streams: (list = {}) => get<StreamList>('streams', { prefix: list.prefix, cursor: list.cursor, limit: list.limit }, list.signal),
    subscribe: (subscribeOptions) => subscription(transport, subscribeOptions),
    views,
    rebuild: (view, call) => views.rebuild(view, call),
    health: (call = {}) => get<Health>('health', {}, call.signal),
    ready: (call = {}) => get<Readiness>('ready', {}, call.signal),
    metrics: (call = {}) => transport.text('metrics', { accept: 'text/plain', signal: call.signal }),
    openapi: (call = {}) => get<Record<string, unknown>>('openapi.json', {}, call.signal),
    sseToken: async (call = {}) => (await transport.json<SseToken>('auth/sse-token', { method: 'POST', signal: call.signal })).body,
    liveUrl: (live = {}) => transport.urlOf('log', {
      live: true, from: live.from, after: live.after, token: live.token, stream: live.stream, category: live.category, type: live.type, tag: live.tag,
    }).href,
  };
}

// View queries typed from the plugins' own declarations, with no code generation: `createClient<typeof plugin>()`
// reads each view's literal name, its queries, what callers pass (CALLER_PARAMS, else the handler's parameter)
// and what the handler returns (as JSON: records become SluiceRecord). Type-only: nothing here exists at run time.
import type { LogRecord } from '../core/log/event-log.js';
import type { CALLER_PARAMS } from '../core/view-engine/view-definition.js';
import type { firstPartyPlugin } from '../plugins/first-party-plugin.js';
import type { SluiceRecord } from './wire-types.js';

type Instance<S> = S extends abstract new (...args: any[]) => infer I ? I : S;
type ViewsOfPlugin<P> = P extends { readonly views?: readonly (infer S)[] } ? Instance<S> : never;
/** One plugin, or a list of plugins. */
type ViewsOf<P> = P extends readonly (infer E)[] ? ViewsOfPlugin<E> : ViewsOfPlugin<P>;

/** Whether the client was given plugin types (`createClient<typeof plugin>`); without them, calls are untyped. */
export type IsTyped<P> = unknown extends P ? false : true;

/** Every view the server has: the first-party ones (`streams`, `types`, `tags`) and the plugins'. */
export type KnownViews<P> = ViewsOf<ReturnType<typeof firstPartyPlugin>> | ViewsOf<P>;

type NameOf<V> = V extends { readonly name: infer N extends string } ? N : never;
type ViewNamed<P, V> = Extract<KnownViews<P>, { readonly name: V }>;
type QueriesOf<V> = V extends { readonly queries: infer Q } ? Q : never;

export type ViewName<P> = IsTyped<P> extends true ? NameOf<KnownViews<P>> : string;
export type QueryName<P, V> = IsTyped<P> extends true ? keyof QueriesOf<ViewNamed<P, V>> & string : string;
type QueryOf<P, V, Q> = QueriesOf<ViewNamed<P, V>>[Q & keyof QueriesOf<ViewNamed<P, V>>];

/** What callers pass to a query: its declared caller parameters, else its handler's parameter type. */
type CallerParams<D> = typeof CALLER_PARAMS extends keyof D
  ? Exclude<D[typeof CALLER_PARAMS & keyof D], undefined>
  : D extends { handler(params: infer I, ...rest: any[]): unknown } ? I : Record<string, unknown>;

/** A value as it comes back over JSON: records in JSON form, bytes as base64 text. */
export type Wire<T> = T extends LogRecord ? SluiceRecord
  : T extends Uint8Array ? string
    : T extends readonly (infer E)[] ? Wire<E>[]
      : T extends object ? { [K in keyof T]: Wire<T[K]> }
        : T;

export type QueryParams<P, V, Q> = IsTyped<P> extends true ? CallerParams<QueryOf<P, V, Q>> : Record<string, unknown>;

export type QueryResult<P, V, Q> = IsTyped<P> extends true
  ? QueryOf<P, V, Q> extends { handler(...args: any[]): infer R } ? Wire<Awaited<R>> : unknown
  : unknown;

export interface QueryOptions {
  /** Read-your-writes: wait until the view has applied the record at this offset (an append's `lastOffset`). */
  readonly after?: number;
  /** How long the server waits for `after`, in ms (server default 5000). */
  readonly timeout?: number;
  readonly signal?: AbortSignal;
}

/** The arguments after the query name: params required only when some parameter is. */
export type QueryArgs<P, V, Q> = {} extends QueryParams<P, V, Q>
  ? [params?: QueryParams<P, V, Q>, options?: QueryOptions]
  : [params: QueryParams<P, V, Q>, options?: QueryOptions];

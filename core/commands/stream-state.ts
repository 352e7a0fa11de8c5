// Loads the state a decision needs and the stream revision it reflects, exactly: from a keyed state view that folds
// the stream with the same `evolve` (one row read, once the view has applied the log's last record), else by folding
// the stream's events (read through the `streams` view). The revision always comes with the state it belongs to,
// so an append with it as `expectedRevision` fails if anything was appended since.
import { isDeepStrictEqual } from 'node:util';
import { isSluiceError } from '../errors.js';
import type { LogRecord } from '../log/event-log.js';
import type { Store } from '../store-api.js';
import type { StateDefinition } from './command-definition.js';

export type StateSource = 'view' | 'fold';

export interface LoadedState<S> {
  readonly state: S;
  /** The revision of the stream's last event folded into `state`; null when the stream has none. */
  readonly revision: number | null;
  readonly source: StateSource;
}

export interface StreamStateOptions {
  /** `auto` (default): from a matching view when one serves; `fold`: always fold the stream. */
  readonly stateFrom?: 'auto' | 'fold';
  /** How long to wait for a view to apply the log's last record, in ms (default 5000). */
  readonly waitMs?: number;
}

const PAGE = 10_000;

export class StreamStateLoader<S> {
  private view: string | null | undefined;
  private readonly waitMs: number;

  constructor(private readonly store: Pick<Store, 'log' | 'views'>, private readonly definition: StateDefinition<S>, private readonly options: StreamStateOptions = {}) {
    this.waitMs = options.waitMs ?? 5_000;
  }

  /** The view whose rows are this state per stream, or null. Looked up once: a store's views are fixed when it opens. */
  viewName(): string | null {
    if (this.view === undefined) {
      this.view = null;
      if (this.options.stateFrom !== 'fold') {
        for (const { name } of this.store.views.list()) {
          const source = this.store.views.definitionOf(name).streamState;
          if (source?.evolve === this.definition.evolve && isDeepStrictEqual(source.initial, this.definition.initial)) {
            this.view = name;
            break;
          }
        }
      }
    }
    return this.view;
  }

  async load(stream: string): Promise<LoadedState<S>> {
    const last = await this.lastRecordOffset();
    if (last === undefined) return { state: this.definition.initial, revision: null, source: 'fold' };
    const view = this.viewName();
    if (view !== null && this.serving(view)) {
      const fromView = await this.fromView(view, stream, last);
      if (fromView !== undefined) return fromView;
    }
    return this.fold(stream, last);
  }

  private serving(view: string): boolean {
    const status = this.store.views.statusOf(view);
    return status.state === 'ready' || status.serving === true;
  }

  /** The newest record readable now: every record of `stream` that a state can include lies at or before it. */
  private async lastRecordOffset(): Promise<number | undefined> {
    for await (const record of this.store.log.readBackward({ limit: 1 })) return record.offset;
    return undefined;
  }

  private async fromView(view: string, stream: string, last: number): Promise<LoadedState<S> | undefined> {
    await this.store.views.waitFor(view, last, this.waitMs);
    try {
      const row = (await this.store.views.query(view, 'stream-state', { stream })) as { revision: number | null; state: S };
      // The view has not seen the stream, yet the log has it: created since, or a storage built before it kept
      // revisions. Either way the fold knows better than `no_stream`.
      if (row.revision === null && this.store.log.streamRevision(stream) !== undefined) return undefined;
      return { state: row.revision === null ? this.definition.initial : row.state, revision: row.revision, source: 'view' };
    } catch (err) {
      // A storage built before it kept revisions cannot say which revision its row is at: fold instead.
      if (isSluiceError(err, 'VIEW_KEY_NOT_FOUND')) return undefined;
      throw err;
    }
  }

  private async fold(stream: string, last: number): Promise<LoadedState<S>> {
    const { initial, evolve } = this.definition;
    await this.store.views.waitFor('streams', last, this.waitMs);
    let state = initial;
    let revision: number | null = null;
    let from = 0;
    for (;;) {
      let page: { events: LogRecord[]; next: number | null };
      try {
        page = (await this.store.views.query('streams', 'events', { stream, from, limit: PAGE })) as typeof page;
      } catch (err) {
        if (isSluiceError(err, 'VIEW_KEY_NOT_FOUND')) break; // no such stream
        // Soft-deleted (its tombstone is its last record): it starts over from `initial`, as a keyed state view's
        // row does, at the tombstone's revision, so a command may write it again (revisions continue).
        if (isSluiceError(err, 'STREAM_DELETED')) {
          revision = Number(err.details.revision);
          break;
        }
        throw err;
      }
      for (const record of page.events) {
        // An erased record has no data to fold (views skip it too), but it holds its revision.
        if (record.erased !== true) state = evolve(state, record, stream) ?? initial;
        revision = record.revision;
      }
      if (page.next === null) break;
      from = page.next;
    }
    return { state, revision, source: 'fold' };
  }
}

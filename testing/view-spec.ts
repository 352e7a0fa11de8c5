// Given/when/then specs for views: `viewSpec(view).given(events).when(query, params).then(expected)`.
// Each `then`/`thenThrows` runs the whole spec in a fresh temporary store (real log, real LMDB, the real view
// engine), waits until the view has applied every given event, runs the query, asserts, and removes the store.
// Assertions throw node:assert errors, so any test runner (mocha, node:test, vitest) reports them with a diff.
import { deepStrictEqual, fail, AssertionError } from 'node:assert/strict';
import { accessSync, constants, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewEvent } from '../core/log/event-log.js';
import type { ViewSource } from '../core/view-engine/view-definition.js';
import { definePlugin, type SluicePlugin } from '../plugins/define-plugin.js';
import { firstPartyPlugin } from '../plugins/first-party-plugin.js';
import { openStore } from '../store/open-store.js';
import type { SluiceStore } from '../store/sluice-store.js';

/** An event to append before the query: a NewEvent plus the stream it goes to (default `spec-stream`). */
export type SpecEvent = NewEvent & { readonly stream?: string };

export interface ViewSpecOptions {
  /** Stream of events that name none (default `spec-stream`). */
  readonly stream?: string;
  /** How long to wait for the view to apply the events (default 10 s). */
  readonly timeoutMs?: number;
  /** Where the temporary stores go: default `SLUICE_SPEC_TMPDIR`, else /dev/shm when writable, else the OS temp dir. */
  readonly tmpDir?: string;
}

/**
 * The folder temporary stores go to. Memory (/dev/shm, Linux) by default: a spec's store then opens, syncs and goes
 * away in a few milliseconds, where a busy disk takes tens.
 */
export function specTmpDir(options: Pick<ViewSpecOptions, 'tmpDir'> = {}): string {
  const chosen = options.tmpDir ?? process.env.SLUICE_SPEC_TMPDIR;
  if (chosen !== undefined && chosen !== '') return chosen;
  try {
    accessSync('/dev/shm', constants.W_OK);
    if (statSync('/dev/shm').isDirectory()) return '/dev/shm';
  } catch {
    // no memory file system here: the OS temp dir it is
  }
  return tmpdir();
}

/** `then(fn)`: a custom assertion on the answer, for answers that are not compared whole. */
export type AnswerCheck = (answer: unknown) => void | Promise<void>;

const DEFAULT_STREAM = 'spec-stream';
const FIRST_PARTY_NAMES = new Set((firstPartyPlugin().views ?? []).map((v) => (v as { name: string }).name));

function isPlugin(subject: ViewSource | SluicePlugin): subject is SluicePlugin {
  return typeof subject === 'object' && subject !== null && !('apply' in subject) && Array.isArray((subject as SluicePlugin).views);
}

function viewNameOf(source: ViewSource): string | undefined {
  // A class is constructed by the store, so its name is known only once the store is open.
  return typeof source === 'function' ? undefined : source.name;
}

/** Opens a temporary store holding the subject's views, appends the events and runs `body`; always cleans up. */
async function withStore<T>(plugin: SluicePlugin, events: readonly SpecEvent[], view: string | undefined, options: ViewSpecOptions,
  body: (store: SluiceStore, view: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(specTmpDir(options), 'sluice-spec-'));
  let store: SluiceStore | undefined;
  try {
    const names = (plugin.views ?? []).map(viewNameOf);
    // A first-party view under test replaces the store's own (its name would be taken otherwise).
    const firstPartyViews = !names.some((name) => name !== undefined && FIRST_PARTY_NAMES.has(name));
    store = await openStore({ dataDir: dir, fsync: 'none', plugins: [plugin], firstPartyViews });
    const target = view ?? soleView(store, plugin);
    let last: number | undefined;
    for (let i = 0; i < events.length;) {
      const stream = events[i]!.stream ?? options.stream ?? DEFAULT_STREAM;
      const run: NewEvent[] = [];
      for (; i < events.length && (events[i]!.stream ?? options.stream ?? DEFAULT_STREAM) === stream; i++) {
        const { stream: _stream, ...event } = events[i]!;
        run.push(event);
      }
      last = (await store.append(stream, run)).lastOffset;
    }
    if (last !== undefined) await store.views.waitFor(target, last, options.timeoutMs ?? 10_000);
    return await body(store, target);
  } finally {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function soleView(store: SluiceStore, plugin: SluicePlugin): string {
  const own = store.views.list().map((v) => v.name).filter((name) => !FIRST_PARTY_NAMES.has(name) || (plugin.views ?? []).some((s) => viewNameOf(s) === name));
  if (own.length === 1) return own[0]!;
  throw new TypeError(`viewSpec: plugin ${plugin.name} has ${own.length} views (${own.join(', ')}); name one in when('<view>/<query>', params)`);
}

/** A query to run once the events are applied; `then`/`thenThrows` run the spec. */
export class ViewSpecQuery {
  constructor(
    private readonly plugin: SluicePlugin,
    private readonly events: readonly SpecEvent[],
    private readonly view: string | undefined,
    private readonly query: string,
    private readonly params: Record<string, unknown>,
    private readonly options: ViewSpecOptions,
  ) {}

  /** Runs the query and returns its answer (what `await spec.when(...)` gives). */
  answer(): Promise<unknown> {
    return withStore(this.plugin, this.events, this.view, this.options, (store, view) => store.views.query(view, this.query, this.params));
  }

  /**
   * Asserts the answer deep-equals `expected` (node:assert deepStrictEqual), or passes it to a check function.
   * (Called by `await` in plain JavaScript, with resolve and reject, it resolves to the answer; TypeScript asks for
   * `answer()` there.)
   */
  then(expected: unknown): Promise<void>;
  then(expected: unknown, onRejected?: ((reason: unknown) => unknown) | null): Promise<unknown> {
    if (onRejected !== undefined && onRejected !== null) return this.answer().then(expected as (value: unknown) => unknown, onRejected);
    return this.answer().then(async (answer) => {
      if (typeof expected === 'function') await (expected as AnswerCheck)(answer);
      else deepStrictEqual(answer, expected, `${this.describe()} answered ${JSON.stringify(answer)}`);
    });
  }

  /** Asserts the query fails with the error `code` (`SLUICE_ERR_VIEW_KEY_NOT_FOUND`, or a view's own code). */
  async thenThrows(code: string): Promise<void> {
    let answer: unknown;
    try {
      answer = await this.answer();
    } catch (err) {
      const got = (err as { code?: unknown })?.code;
      if (got === code) return;
      if (err instanceof AssertionError) throw err;
      throw new AssertionError({ message: `${this.describe()} threw ${String(got ?? err)} instead of ${code}: ${(err as Error)?.message}`, actual: got, expected: code, operator: 'thenThrows' });
    }
    fail(`${this.describe()} answered ${JSON.stringify(answer)} instead of throwing ${code}`);
  }

  private describe(): string {
    return `${this.view ?? this.plugin.name}/${this.query}(${JSON.stringify(this.params)})`;
  }
}

/** The events a view is given; `when` picks the query. Immutable: each call returns a new spec. */
export class ViewSpec {
  constructor(private readonly plugin: SluicePlugin, private readonly events: readonly SpecEvent[], private readonly options: ViewSpecOptions) {}

  /** Appends `events` (in order, after any given before) to the spec's store. */
  given(events: SpecEvent | readonly SpecEvent[]): ViewSpec {
    const more = Array.isArray(events) ? events as readonly SpecEvent[] : [events as SpecEvent];
    return new ViewSpec(this.plugin, [...this.events, ...more], this.options);
  }

  /** The query to run: `'get'` for a single view, or `'<view>/<query>'` when the plugin has several views. */
  when(query: string, params: Record<string, unknown> = {}): ViewSpecQuery {
    const slash = query.indexOf('/');
    const view = slash < 0 ? undefined : query.slice(0, slash);
    return new ViewSpecQuery(this.plugin, this.events, view, slash < 0 ? query : query.slice(slash + 1), params, this.options);
  }
}

/**
 * Starts a spec for a view (object or class) or a whole plugin.
 * @example
 * await viewSpec(balances).given([{ stream: 'acct-1', type: 'Deposited', data: { amount: 120 } }])
 *   .when('get', { key: 'acct-1' }).then({ key: 'acct-1', state: { balance: 120 } });
 */
export function viewSpec(subject: ViewSource | SluicePlugin, options: ViewSpecOptions = {}): ViewSpec {
  const plugin = isPlugin(subject) ? subject : definePlugin({ name: 'view-spec', views: [subject] });
  return new ViewSpec(plugin, [], options);
}

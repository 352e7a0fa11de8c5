// The write-side loop every event-sourced command runs: load the stream's state (and the revision it is at),
// decide, append the decided events with that revision as `expectedRevision`, and on a conflict load again and
// decide again, at most `maxAttempts` times. A decision that throws writes nothing and its error reaches the caller.
import { CommandConflictError, ConcurrencyError } from '../errors.js';
import type { NewEvent, Offset } from '../log/event-log.js';
import type { Store } from '../store-api.js';
import type { DecideContext, Decision, StateDefinition } from './command-definition.js';
import { StreamStateLoader, type StateSource, type StreamStateOptions } from './stream-state.js';

export const DEFAULT_MAX_ATTEMPTS = 10;

export interface CommandHandlerOptions<S> extends StateDefinition<S>, StreamStateOptions {
  readonly store: Pick<Store, 'log' | 'views' | 'append'>;
  /** Most tries of one command when other writers change the stream meanwhile (default 10). */
  readonly maxAttempts?: number;
  /** Names the command in conflict errors. */
  readonly name?: string;
}

export interface HandleResult<S> {
  readonly stream: string;
  /** The state the decision was made on. */
  readonly state: S;
  /** The stream's revision after the command (the revision read when it appended nothing); null: no stream. */
  readonly revision: number | null;
  /** Per appended event: its offset, revision and type. Empty when the decision returned no events. */
  readonly offsets: Offset[];
  readonly revisions: number[];
  readonly types: string[];
  /** The last appended record (pass it as `after=` to read your write); null when nothing was appended. */
  readonly lastOffset: Offset | null;
  readonly attempts: number;
  /** Where the state came from: a keyed state view, or a fold of the stream's events. */
  readonly source: StateSource;
}

export interface HandleOptions {
  readonly maxAttempts?: number;
  /**
   * The revision the caller's decision is based on (a form the user filled in at revision 3). When the stream is
   * at another revision, or moves on before the append, the command fails at once with the log's ConcurrencyError
   * (409 SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION) instead of deciding again: the caller must look again.
   */
  readonly expectedRevision?: number | 'no_stream';
}

export interface CommandHandler<S> {
  /** Loads `stream`'s state, runs `decide`, appends what it returns; retries on conflict (CommandConflictError when out of tries). */
  handle(stream: string, decide: (state: S, ctx: DecideContext) => Decision | Promise<Decision>, options?: HandleOptions): Promise<HandleResult<S>>;
}

function eventsOf(decision: Decision): readonly NewEvent[] {
  if (decision === undefined || decision === null) return [];
  return Array.isArray(decision) ? decision : [decision as NewEvent];
}

/**
 * A command handler over one state definition.
 * @example
 * const accounts = commandHandler({ store, initial: { balance: 0 }, evolve: (s, r) => ({ balance: s.balance + r.data.amount }) });
 * await accounts.handle('acct-1', (state) => state.balance < 80 ? [] : { type: 'Withdrawn', data: { amount: -80 } });
 */
export function commandHandler<S>(options: CommandHandlerOptions<S>): CommandHandler<S> {
  const { store } = options;
  const loader = new StreamStateLoader<S>(store, { initial: options.initial, evolve: options.evolve }, options);
  return {
    async handle(stream, decide, handleOptions = {}) {
      const maxAttempts = handleOptions.maxAttempts ?? options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      for (let attempt = 1; ; attempt++) {
        const { state, revision, source } = await loader.load(stream);
        const expected = handleOptions.expectedRevision;
        if (expected !== undefined && expected !== (revision ?? 'no_stream')) throw new ConcurrencyError(stream, expected, revision);
        const events = eventsOf(await decide(state, { stream, revision, attempt }));
        const base = { stream, state, attempts: attempt, source };
        if (events.length === 0) return { ...base, revision, offsets: [], revisions: [], types: [], lastOffset: null };
        try {
          const result = await store.append(stream, events, { expectedRevision: revision ?? 'no_stream' });
          return {
            ...base, revision: result.revisions[result.revisions.length - 1]!, offsets: result.offsets, revisions: result.revisions,
            types: events.map((e) => e.type), lastOffset: result.lastOffset,
          };
        } catch (err) {
          if (!(err instanceof ConcurrencyError) || handleOptions.expectedRevision !== undefined) throw err;
          if (attempt >= maxAttempts) throw new CommandConflictError(stream, attempt, err, options.name);
          // Another writer appended to the stream since the read: read again and decide again.
        }
      }
    },
  };
}

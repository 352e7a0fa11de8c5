// The write side's declarations: a state (how a stream folds into the state a decision needs) and commands that
// decide, from that state and their parameters, which events to append to one stream.
import type { LogRecord, NewEvent } from '../log/event-log.js';
import type { JsonSchema } from '../store-api.js';

/**
 * How one stream folds into a state. Share the same object (the same `evolve` function) with a keyed state view
 * declared `key: 'stream'`, and command handlers read the state from that view instead of replaying the stream.
 */
export interface StateDefinition<S> {
  /** The state of a stream with no events. Never mutated. */
  readonly initial: S;
  /** The next state. Pure; must not mutate `state`. Returning undefined resets the state to `initial`. */
  readonly evolve: (state: S, record: LogRecord, stream: string) => S | undefined;
}

/** What a decision returns: the events to append (none, one or many). */
export type Decision = NewEvent | readonly NewEvent[] | undefined | void;

export interface DecideContext {
  readonly stream: string;
  /** The stream's revision the state was read at; null when the stream has no events. */
  readonly revision: number | null;
  /** 1 on the first try; each conflict with another writer costs one more. */
  readonly attempt: number;
}

/** A command a plugin declares; served as `POST /commands/<name>` and by `store.commands.execute(name, params)`. */
export interface CommandDefinition<S = any, P = any> {
  readonly description?: string;
  /** JSON schema of the parameters object (type "object"); parameters are validated against it, never coerced. */
  readonly params: JsonSchema;
  readonly state: StateDefinition<S>;
  /** The stream the command writes to, from its parameters. */
  stream(params: P): string;
  /** The events to append; throw a CommandRejectedError to refuse on a business rule (422, nothing written). */
  decide(state: S, params: P, ctx: DecideContext): Decision | Promise<Decision>;
  /** Most tries when other writers change the stream meanwhile (default 10). */
  readonly maxAttempts?: number;
}

/**
 * Declares commands over one state.
 * @example
 * commands: defineCommands(account, {
 *   deposit: { params: {...}, stream: (p) => p.account, decide: (state, p) => ({ type: 'Deposited', data: { amount: p.amount } }) },
 * })
 */
export function defineCommands<S>(state: StateDefinition<S>, commands: Readonly<Record<string, Omit<CommandDefinition<S>, 'state'>>>): Record<string, CommandDefinition<S>> {
  return Object.fromEntries(Object.entries(commands).map(([name, command]) => [name, { ...command, state }]));
}

export const COMMAND_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** Returns why `command` breaks the contract, or undefined when it honours it. */
export function commandDefinitionProblem(name: string, command: unknown): string | undefined {
  if (!COMMAND_NAME.test(name)) return `command name ${JSON.stringify(name)} must be 1-64 letters, digits, "_" or "-"`;
  const at = `command ${name}: `;
  if (command === null || typeof command !== 'object') return `${at}must be an object { params, state, stream, decide }`;
  const c = command as Partial<CommandDefinition>;
  const params = c.params as Record<string, unknown> | undefined;
  if (params === null || typeof params !== 'object' || params.type !== 'object') return `${at}needs a params JSON schema of type "object"`;
  if (c.state === null || typeof c.state !== 'object' || typeof c.state.evolve !== 'function' || !('initial' in c.state)) {
    return `${at}needs a state { initial, evolve } (use defineCommands)`;
  }
  if (typeof c.stream !== 'function') return `${at}stream must be a function of the params`;
  if (typeof c.decide !== 'function') return `${at}decide must be a function`;
  if (c.maxAttempts !== undefined && (!Number.isSafeInteger(c.maxAttempts) || c.maxAttempts < 1)) return `${at}maxAttempts must be a positive integer`;
  return undefined;
}

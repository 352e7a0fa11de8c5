// The commands a store's plugins declare, run by name: parameters validated against the command's schema (strictly,
// no coercion), the stream chosen from them, then the command handler's load-decide-append loop.
import { Ajv, type ValidateFunction } from 'ajv';
import { CommandRejectedError, SluiceError } from '../errors.js';
import type { JsonSchema, Store } from '../store-api.js';
import type { CommandDefinition, StateDefinition } from './command-definition.js';
import { commandHandler, type CommandHandler, type HandleResult } from './command-handler.js';

export interface CommandDescriptor {
  readonly name: string;
  readonly description?: string;
  readonly params: JsonSchema;
  /** The plugin that declares it. */
  readonly plugin: string;
}

export interface CommandOutcome {
  readonly command: string;
  readonly stream: string;
  readonly revision: number | null;
  readonly offsets: number[];
  readonly revisions: number[];
  readonly types: string[];
  readonly lastOffset: number | null;
  readonly attempts: number;
}

export interface CommandBus {
  list(): CommandDescriptor[];
  /**
   * Runs a declared command; SLUICE_ERR_COMMAND_NOT_FOUND, _PARAMS_INVALID, _REJECTED (422) or _CONFLICT (409).
   * With `expectedRevision`, the stream must be at that revision (else SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION, no retry).
   */
  execute(name: string, params: unknown, options?: { expectedRevision?: number | 'no_stream' }): Promise<CommandOutcome>;
}

export interface DeclaredCommand {
  readonly name: string;
  readonly plugin: string;
  readonly definition: CommandDefinition;
}

const ajv = new Ajv({ coerceTypes: false, useDefaults: true, allErrors: false, strict: false });

interface Entry extends DeclaredCommand {
  readonly validate: ValidateFunction;
}

export class CommandRegistry implements CommandBus {
  private readonly entries = new Map<string, Entry>();
  /** One handler per state definition, so commands over the same state share its view lookup. */
  private readonly handlers = new Map<StateDefinition<unknown>, CommandHandler<unknown>>();

  constructor(private readonly store: Pick<Store, 'log' | 'views' | 'append'>, readonly declared: readonly DeclaredCommand[]) {
    const commands = declared;
    for (const command of commands) {
      let validate: ValidateFunction;
      try {
        validate = ajv.compile(command.definition.params);
      } catch (err) {
        throw new SluiceError('PLUGIN_INVALID', { plugin: command.plugin, reason: `command ${command.name} has an invalid params schema: ${(err as Error).message}` });
      }
      this.entries.set(command.name, { ...command, validate });
    }
  }

  list(): CommandDescriptor[] {
    return [...this.entries.values()].map(({ name, plugin, definition }) => ({ name, plugin, description: definition.description, params: definition.params }));
  }

  async execute(name: string, params: unknown, options: { expectedRevision?: number | 'no_stream' } = {}): Promise<CommandOutcome> {
    const entry = this.entries.get(name);
    if (entry === undefined) throw new SluiceError('COMMAND_NOT_FOUND', { command: name });
    const copy = params !== null && typeof params === 'object' && !Array.isArray(params) ? { ...params } : params;
    if (!entry.validate(copy)) {
      throw new SluiceError('COMMAND_PARAMS_INVALID', { command: name, reason: ajv.errorsText(entry.validate.errors, { dataVar: 'params' }) });
    }
    const { definition } = entry;
    let result: HandleResult<unknown>;
    try {
      result = await this.handlerFor(definition.state).handle(definition.stream(copy), (state, ctx) => definition.decide(state, copy, ctx), {
        maxAttempts: definition.maxAttempts, expectedRevision: options.expectedRevision,
      });
    } catch (err) {
      if (err instanceof SluiceError && (err instanceof CommandRejectedError || err.code === 'SLUICE_ERR_COMMAND_CONFLICT')) err.details.command = name;
      throw err;
    }
    const { stream, revision, offsets, revisions, types, lastOffset, attempts } = result;
    return { command: name, stream, revision, offsets, revisions, types, lastOffset, attempts };
  }

  private handlerFor(state: StateDefinition<unknown>): CommandHandler<unknown> {
    let handler = this.handlers.get(state);
    if (handler === undefined) {
      handler = commandHandler({ store: this.store, initial: state.initial, evolve: state.evolve });
      this.handlers.set(state, handler);
    }
    return handler;
  }
}

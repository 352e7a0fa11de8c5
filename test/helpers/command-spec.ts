// commandSpec: given/when/then for commands, against a real store (real log, real LMDB) in a fresh temp dir.
//   given: events already in the streams; when: one command with its params; then: the events it appended, or
//   its rejection (and nothing appended). Each scenario opens its own store and closes it, pass or fail.
// The write-side twin of a view spec; kept small and separate so both can live side by side.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandRejectedError, SluiceError } from '../../core/errors.js';
import type { NewEvent } from '../../core/log/event-log.js';
import type { CommandOutcome } from '../../core/commands/command-bus.js';
import { openStore } from '../../store/open-store.js';

/** An expected event: its type and, when given, its data and stream. */
export interface ExpectedEvent {
  readonly type: string;
  readonly data?: unknown;
  readonly stream?: string;
}

export interface CommandScenario {
  /** Asserts the command appended exactly these events, in order; resolves with its outcome. */
  thenAppends(expected: readonly ExpectedEvent[]): Promise<CommandOutcome>;
  /** Asserts the command was refused with this rejection and appended nothing. */
  thenRejects(rejection: string): Promise<void>;
  /** Asserts the command failed with this error code and appended nothing. */
  thenFails(code: string): Promise<void>;
}

export interface CommandSpec {
  /** Events already in the log, by stream (appended in the order given). */
  given(streams?: Readonly<Record<string, readonly NewEvent[]>>): { when(command: string, params: Record<string, unknown>): CommandScenario };
}

interface Run {
  readonly outcome?: CommandOutcome;
  readonly error?: unknown;
  readonly appended: Array<{ stream: string; type: string; data: unknown }>;
}

export function commandSpec(options: { plugins: readonly unknown[] }): CommandSpec {
  async function run(given: Readonly<Record<string, readonly NewEvent[]>>, command: string, params: Record<string, unknown>): Promise<Run> {
    const dir = mkdtempSync(join(tmpdir(), 'sluice-command-spec-'));
    const store = await openStore({ dataDir: dir, fsync: 'none', plugins: options.plugins });
    try {
      for (const [stream, events] of Object.entries(given)) await store.append(stream, events);
      const before = store.log.end;
      let outcome: CommandOutcome | undefined;
      let error: unknown;
      try {
        outcome = await store.commands.execute(command, params);
      } catch (err) {
        error = err;
      }
      const appended: Run['appended'] = [];
      for await (const record of store.log.readForward(before)) appended.push({ stream: record.stream, type: record.type, data: record.data });
      return { outcome, error, appended };
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }

  return {
    given(streams = {}) {
      return {
        when(command, params) {
          const result = (): Promise<Run> => run(streams, command, params);
          return {
            async thenAppends(expected) {
              const { outcome, error, appended } = await result();
              if (error !== undefined) throw error;
              const shaped = appended.map((e, i) => {
                const want = expected[i];
                return { type: e.type, ...(want && 'data' in want ? { data: e.data } : {}), ...(want?.stream === undefined ? {} : { stream: e.stream }) };
              });
              expect(shaped, `events appended by ${command}`).to.deep.equal(expected.map((e) => ({ ...e })));
              expect(outcome!.types).to.deep.equal(expected.map((e) => e.type));
              return outcome!;
            },
            async thenRejects(rejection) {
              const { error, appended } = await result();
              expect(error, `${command} should be rejected`).to.be.instanceOf(CommandRejectedError);
              expect((error as CommandRejectedError).rejection).to.equal(rejection);
              expect((error as CommandRejectedError).code).to.equal('SLUICE_ERR_COMMAND_REJECTED');
              expect(appended, 'a rejected command appends nothing').to.deep.equal([]);
            },
            async thenFails(code) {
              const { error, appended } = await result();
              expect(error, `${command} should fail`).to.be.instanceOf(SluiceError);
              expect((error as SluiceError).code).to.equal(code);
              expect(appended, 'a failed command appends nothing').to.deep.equal([]);
            },
          };
        },
      };
    },
  };
}

// Where a view round runs. Inline: on the calling thread, synchronously (library use, tests, tools). The server
// plugs in a runner that applies rounds on a worker thread (store/view-worker), so view transactions stop competing
// with request handling; both run the same `runRound`, with the same compare-and-set on every storage's row.
import type { EventLog } from '../log/event-log.js';
import type { ViewDefinition } from './view-definition.js';
import { runRound, type BatchLimits, type Outcome } from './view-runner.js';
import type { ViewStorage } from './view-storage.js';
import type { ViewStore } from './view-store.js';

export interface RoundRunner {
  /** One round over `storages` up to the log's end as the caller sees it now; the outcomes name the caller's storages. */
  run(storages: readonly ViewStorage[], limits: BatchLimits, skipDamaged: boolean): Promise<Outcome[]>;
  /** Stops the runner; a round in flight finishes first. */
  close(): Promise<void>;
}

/** Builds the runner of an engine over `store` and `log` with views `defs`; `inline` is the runner to fall back on. */
export type RoundRunnerFactory = (store: ViewStore, log: EventLog, defs: readonly ViewDefinition[], inline: RoundRunner) => RoundRunner;

export class InlineRounds implements RoundRunner {
  constructor(private readonly store: ViewStore, private readonly log: EventLog) {}

  /** Runs the round synchronously, before the promise is even returned (as the engine did before runners). */
  async run(storages: readonly ViewStorage[], limits: BatchLimits, skipDamaged: boolean): Promise<Outcome[]> {
    return runRound(this.store, this.log, storages, limits, skipDamaged);
  }

  async close(): Promise<void> {}
}

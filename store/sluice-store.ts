// A store as the application holds it: the log, its views and the per-store container, closed together.
import type { CommandRegistry } from '../core/commands/command-bus.js';
import type { DependencyContainer } from '../core/di.js';
import type { AppendResult, EventLog, ExpectedRevision, NewEvent, StreamWrite } from '../core/log/event-log.js';
import type { Store } from '../core/store-api.js';
import type { SluiceViewEngine } from '../core/view-engine/view-engine.js';
import type { ViewStore } from '../core/view-engine/view-store.js';

export class SluiceStore implements Store {
  private closing: Promise<void> | undefined;
  /** Set by openStore once the plugins' commands are resolved. */
  commands!: CommandRegistry;

  constructor(
    readonly dataDir: string,
    readonly log: EventLog,
    readonly views: SluiceViewEngine,
    readonly viewStore: ViewStore,
    readonly container: DependencyContainer,
  ) {}

  append(stream: string, events: NewEvent | readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    return this.log.append(stream, events, options);
  }

  appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult> {
    return this.log.appendBatch(writes);
  }

  /** Stops the views (waiting for the batch in flight), then closes LMDB and the log. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.views.close();
        await this.viewStore.close();
      } finally {
        await this.log.close();
        await this.container.dispose();
      }
    })();
    return this.closing;
  }
}

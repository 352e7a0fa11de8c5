// A store as the application holds it: the log, its views, its consumer groups and the per-store container, closed
// together.
import type { CommandRegistry } from '../core/commands/command-bus.js';
import type { DependencyContainer } from '../core/di.js';
import { isSluiceError, SluiceError } from '../core/errors.js';
import type { ConsumerGroups } from '../core/groups/consumer-groups.js';
import type { AppendResult, EventLog, ExpectedRevision, NewEvent, StreamWrite } from '../core/log/event-log.js';
import type { Store, StreamPage, StreamReadOptions } from '../core/store-api.js';
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
    private readonly groupsOrNone: ConsumerGroups | undefined,
  ) {}

  get groups(): ConsumerGroups {
    if (this.groupsOrNone === undefined) throw new SluiceError('LOG_READ_ONLY');
    return this.groupsOrNone;
  }

  append(stream: string, events: NewEvent | readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    return this.log.append(stream, events, options);
  }

  appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult> {
    return this.log.appendBatch(writes);
  }

  async readStream(stream: string, options: StreamReadOptions = {}): Promise<StreamPage> {
    if (this.log.streamRevision(stream) === undefined) throw new SluiceError('STREAM_NOT_FOUND', { stream });
    if (options.after !== undefined) await this.views.waitFor('streams', options.after, 5000);
    const params: Record<string, unknown> = { stream, direction: options.direction ?? 'forward', limit: options.limit ?? 100 };
    if (options.from !== undefined) params.from = options.from;
    try {
      return (await this.views.query('streams', 'events', params)) as StreamPage;
    } catch (err) {
      // The log knows the stream but the view has not applied it yet.
      if (isSluiceError(err, 'VIEW_KEY_NOT_FOUND')) throw new SluiceError('STREAM_NOT_FOUND', { stream });
      throw err;
    }
  }

  /** Stops the groups and the views (waiting for the batch in flight), then closes LMDB and the log. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      try {
        await this.groupsOrNone?.close();
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

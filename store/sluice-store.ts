// A store as the application holds it: the log, its views and the per-store container, closed together.
// Erasure (erase, eraseStream) overwrites records in the log, then rebuilds every view into a fresh environment
// (fresh-views.ts) and only then clears the erasure journal: a crash before that rebuilds the views on the next open.
// Erasure and retention need a log that can rewrite itself (ErasableLog, the file log); with another backend they
// answer SLUICE_ERR_LOG_UNSUPPORTED.
import type { CommandRegistry } from '../core/commands/command-bus.js';
import type { DependencyContainer } from '../core/di.js';
import { isSluiceError, SluiceError } from '../core/errors.js';
import type { ConsumerGroups } from '../core/groups/consumer-groups.js';
import { isErasableLog, type ErasableLog } from '../core/log/erasable-log.js';
import type { AppendResult, EventLog, ExpectedRevision, NewEvent, Offset, StreamWrite } from '../core/log/event-log.js';
import type { ErasureReport } from '../core/log/log-eraser.js';
import type { RetentionPolicy, RetentionReport } from '../core/log/log-retention.js';
import type { Logger } from '../core/logger.js';
import { assertNoTombstones, tombstoneEvent } from '../core/log/tombstone.js';
import type { Store, StreamPage, StreamReadOptions } from '../core/store-api.js';
import { TOKENS } from '../core/tokens.js';
import type { SluiceViewEngine, ViewEngineSettings } from '../core/view-engine/view-engine.js';
import type { ViewStore } from '../core/view-engine/view-store.js';
import { buildFreshViews } from './fresh-views.js';
import { streamOffsets } from './stream-offsets.js';

export interface StreamErasureReport extends ErasureReport {
  readonly stream: string;
}

export class SluiceStore implements Store {
  private closing: Promise<void> | undefined;
  /** Set by openStore once the plugins' commands are resolved. */
  commands!: CommandRegistry;
  /** Erasures (and retention) run one at a time: each erasure ends with a views swap. */
  private erasing: Promise<unknown> = Promise.resolve();
  private retentionTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly dataDir: string,
    readonly log: EventLog,
    private currentViews: SluiceViewEngine,
    private currentViewStore: ViewStore,
    readonly container: DependencyContainer,
    private readonly groupsOrNone: ConsumerGroups | undefined,
  ) {}

  /** Consumer groups (persistent subscriptions); SLUICE_ERR_LOG_READ_ONLY on a read-only store. */
  get groups(): ConsumerGroups {
    if (this.groupsOrNone === undefined) throw new SluiceError('LOG_READ_ONLY');
    return this.groupsOrNone;
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

  /** The view engine serving now (replaced by the one rebuilt after an erasure). */
  get views(): SluiceViewEngine {
    return this.currentViews;
  }

  get viewStore(): ViewStore {
    return this.currentViewStore;
  }

  append(stream: string, events: NewEvent | readonly NewEvent[], options?: { expectedRevision?: ExpectedRevision }): Promise<AppendResult> {
    const list: readonly NewEvent[] = Array.isArray(events) ? events : [events as NewEvent];
    return this.appendBatch([{ stream, events: list, expectedRevision: options?.expectedRevision }]);
  }

  appendBatch(writes: readonly StreamWrite[]): Promise<AppendResult> {
    try {
      assertNoTombstones(writes);
    } catch (err) {
      return Promise.reject(err);
    }
    return this.log.appendBatch(writes);
  }

  /**
   * Soft delete: appends the stream's tombstone (an "exists" check unless `expectedRevision` is given, so an unknown
   * stream is SLUICE_ERR_STREAM_NOT_FOUND). Its reads then answer 410 until it is written again; its revisions continue.
   */
  async deleteStream(stream: string, options: { expectedRevision?: ExpectedRevision } = {}): Promise<AppendResult> {
    if (this.log.streamRevision(stream) === undefined) throw new SluiceError('STREAM_NOT_FOUND', { stream });
    return this.log.appendBatch([{ stream, events: [tombstoneEvent()], expectedRevision: options.expectedRevision ?? 'exists' }]);
  }

  /**
   * Erases the records at `offsets` in place, then repairs the views; resolves once no byte of the erased data,
   * meta or tags is left in the data directory (log segments and every views file). All offsets are checked first:
   * one that is no record start (SLUICE_ERR_LOG_NO_RECORD) erases nothing.
   */
  erase(offsets: readonly Offset[]): Promise<ErasureReport> {
    return this.exclusive('erasure', async (log) => {
      const report = await log.erase(offsets);
      await this.repairViews(log);
      return report;
    });
  }

  /** Erases every record of `stream` (SLUICE_ERR_STREAM_NOT_FOUND when it has none), as `erase` does. */
  eraseStream(stream: string): Promise<StreamErasureReport> {
    return this.exclusive('erasure', async (log) => {
      if (log.streamRevision(stream) === undefined) throw new SluiceError('STREAM_NOT_FOUND', { stream });
      const report = await log.erase(await streamOffsets(log, stream));
      await this.repairViews(log);
      return { stream, ...report };
    });
  }

  /**
   * Applies `policy` now (core/log/log-retention.ts), removing no segment that holds a record a view has not folded
   * yet (the report counts those as `held`; a later run removes them).
   */
  applyRetention(policy: RetentionPolicy): Promise<RetentionReport> {
    return this.exclusive('retention', (log) => log.applyRetention(policy, () => this.currentViews.retentionFloor()));
  }

  /** Applies `policy` once the views caught up, then every `intervalMs` until the store closes; failures are logged, never thrown. */
  keepRetention(policy: RetentionPolicy, intervalMs: number, logger: Logger): void {
    const tick = (): void => {
      if (this.closing) return;
      this.applyRetention(policy).then((report) => {
        if (report.segments > 0) logger.info({ ...report }, `retention removed ${report.segments} segments; the log now starts at ${report.start}`);
        if (report.heldBy) logger.info({ ...report }, `retention kept ${report.held} segments view ${report.heldBy.view} has not folded yet (it is at offset ${report.heldBy.next})`);
      }, (err: unknown) => logger.warn({ err }, 'retention failed; retrying at the next interval'));
    };
    this.retentionTimer = setInterval(tick, intervalMs);
    this.retentionTimer.unref();
    // The first run waits for the views to catch up with what the last process appended: it would otherwise keep
    // those segments until the next interval.
    this.currentViews.idle().then(tick, tick);
  }

  private exclusive<T>(operation: string, fn: (log: ErasableLog) => Promise<T>): Promise<T> {
    const { log } = this;
    if (log.readOnly) return Promise.reject(new SluiceError('LOG_READ_ONLY'));
    if (!isErasableLog(log)) return Promise.reject(new SluiceError('LOG_UNSUPPORTED', { operation }));
    const run = this.erasing.then(() => fn(log));
    this.erasing = run.catch(() => undefined);
    return run;
  }

  /** Rebuilds every view into a fresh environment and swaps it in, then ends the erasure (its journal). */
  private async repairViews(log: ErasableLog): Promise<void> {
    if (!log.erasurePending) return;
    if (this.closing) throw new SluiceError('LOG_CLOSED');
    const settings = this.container.resolve<ViewEngineSettings>(TOKENS.ViewEngineSettings);
    if (settings.mode === 'observe') throw new SluiceError('LOG_READ_ONLY');
    const setup = { log, logger: this.container.resolve<Logger>(TOKENS.Logger), settings };
    const engine = this.currentViews;
    const defs = engine.list().map(({ name }) => engine.definitionOf(name));
    const fresh = await buildFreshViews(this.dataDir, setup, defs);
    const opened = await fresh.swap(async () => {
      await this.currentViews.close();
      await this.currentViewStore.close();
    });
    this.currentViews = opened.engine;
    this.currentViewStore = opened.store;
    this.container.register(TOKENS.ViewStore, { useValue: opened.store });
    this.container.register(TOKENS.Views, { useValue: opened.engine });
    await log.clearErasureJournal();
  }

  /** Stops the views (waiting for the batch in flight), then closes LMDB and the log. Safe to call twice. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.retentionTimer) clearInterval(this.retentionTimer);
      try {
        await this.erasing;
        await this.groupsOrNone?.close();
        await this.currentViews.close();
        await this.currentViewStore.close();
      } finally {
        await this.log.close();
        await this.container.dispose();
      }
    })();
    return this.closing;
  }
}

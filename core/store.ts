// Opens a store: the log under `<dataDir>/log`, the views' LMDB environment under `<dataDir>/views`, the first-party
// and plugin views, all wired in one tsyringe child container per store (never the global one).
import { join } from 'node:path';
import { firstPartyPlugin } from '../views/first-party.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import { resolveViews } from '../plugins/resolve-views.js';
import { container, type DependencyContainer } from './di.js';
import { openFileLog, type FileLog } from './log/file-log.js';
import type { AppendResult, ExpectedRevision, NewEvent, StreamWrite } from './log/event-log.js';
import { silentLogger } from './logger.js';
import type { Store, StoreOptions } from './store-api.js';
import { TOKENS } from './tokens.js';
import { SluiceViewEngine } from './view-engine.js';
import { ViewStore } from './view-store.js';

export class SluiceStore implements Store {
  private closing: Promise<void> | undefined;

  constructor(
    readonly dataDir: string,
    readonly log: FileLog,
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

export async function openStore(options: StoreOptions): Promise<SluiceStore> {
  const { dataDir } = options;
  // Plugins load first: a bad one stops start-up before anything is opened.
  const plugins = await loadPlugins(options.plugins ?? [], { baseDir: options.pluginBaseDir });
  const log = await openFileLog({ dir: join(dataDir, 'log'), fsync: options.fsync, readOnly: options.readOnly });
  let viewStore: ViewStore | undefined;
  let views: SluiceViewEngine | undefined;
  const child = container.createChildContainer();
  try {
    viewStore = ViewStore.open(join(dataDir, 'views'), { writer: !options.readOnly });
    const logger = options.logger ?? silentLogger;
    views = new SluiceViewEngine({
      log, store: viewStore, logger, mode: options.readOnly ? 'observe' : 'write', batch: options.viewBatch,
      builder: `${options.readOnly ? 'reader' : 'writer'} pid ${process.pid}`,
    });
    const store = new SluiceStore(dataDir, log, views, viewStore, child);
    child.register(TOKENS.Config, { useValue: options });
    child.register(TOKENS.Log, { useValue: log });
    child.register(TOKENS.Logger, { useValue: logger });
    child.register(TOKENS.ViewStore, { useValue: viewStore });
    child.register(TOKENS.Views, { useValue: views });
    child.register(TOKENS.Store, { useValue: store });
    views.open(resolveViews([firstPartyPlugin(), ...plugins], child));
    return store;
  } catch (err) {
    await views?.close();
    await viewStore?.close();
    await log.close();
    await child.dispose();
    throw err;
  }
}

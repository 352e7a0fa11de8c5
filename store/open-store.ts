// Opens a store: the log under `<dataDir>/log`, the views' LMDB environment under `<dataDir>/views`, the first-party
// and plugin views, all wired in one tsyringe child container per store (never the global one).
import { join } from 'node:path';
import { firstPartyPlugin } from '../plugins/first-party-plugin.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import { resolveViews } from '../plugins/resolve-views.js';
import { container, type DependencyContainer } from '../core/di.js';
import { openFileLog } from '../core/log/file-log.js';
import { silentLogger } from '../core/logger.js';
import type { StoreOptions } from '../core/store-api.js';
import { TOKENS } from '../core/tokens.js';
import { SluiceViewEngine } from '../core/view-engine/view-engine.js';
import { ViewStore } from '../core/view-engine/view-store.js';
import { discardViews } from './fresh-views.js';
import { SluiceStore } from './sluice-store.js';

export async function openStore(options: StoreOptions): Promise<SluiceStore> {
  const { dataDir } = options;
  // Plugins load first: a bad one stops start-up before anything is opened.
  const plugins = await loadPlugins(options.plugins ?? [], { baseDir: options.pluginBaseDir });
  const log = await openFileLog({ dir: join(dataDir, 'log'), fsync: options.fsync, readOnly: options.readOnly, segmentBytes: options.segmentBytes });
  let viewStore: ViewStore | undefined;
  let views: SluiceViewEngine | undefined;
  const child = container.createChildContainer();
  try {
    // An erasure interrupted before its views were repaired: they may hold erased data, so they rebuild from the log.
    if (log.erasurePending) await discardViews(dataDir);
    viewStore = ViewStore.open(join(dataDir, 'views'), { writer: !options.readOnly });
    const logger = options.logger ?? silentLogger;
    const builder = `${options.readOnly ? 'reader' : 'writer'} pid ${process.pid}`;
    views = new SluiceViewEngine({
      log, store: viewStore, logger, mode: options.readOnly ? 'observe' : 'write', batch: options.viewBatch, builder,
    });
    const setup = options.readOnly ? undefined : { log, logger, batch: options.viewBatch, builder };
    const store = new SluiceStore(dataDir, log, views, viewStore, child, setup);
    child.register(TOKENS.Config, { useValue: options });
    child.register(TOKENS.Log, { useValue: log });
    child.register(TOKENS.Logger, { useValue: logger });
    child.register(TOKENS.ViewStore, { useValue: viewStore });
    child.register(TOKENS.Views, { useValue: views });
    child.register(TOKENS.Store, { useValue: store });
    views.open(resolveViews([firstPartyPlugin(), ...plugins], child));
    if (log.erasurePending) await log.clearErasureJournal();
    if (options.retention && !options.readOnly) store.keepRetention(options.retention, options.retention.intervalMs ?? 60_000, logger);
    return store;
  } catch (err) {
    await views?.close();
    await viewStore?.close();
    await log.close();
    await child.dispose();
    throw err;
  }
}

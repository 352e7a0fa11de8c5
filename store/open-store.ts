// Opens a store: the log (from the registered LogBackend), the views' LMDB environment under `<dataDir>/views`, the
// first-party and plugin views, all composed in one tsyringe child container per store (never the global one).
// Registration order is the contract: defaults first, then `options.register` (which may replace any of them),
// and only then is anything resolved. A writer that finds an unfinished erasure discards the views first: they may
// hold erased data, and rebuild from the erased log.
import { join } from 'node:path';
import { firstPartyPlugin } from '../plugins/first-party-plugin.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import { resolveCommands } from '../plugins/resolve-commands.js';
import { resolveViews } from '../plugins/resolve-views.js';
import { createStoreContainer, Lifecycle, type DependencyContainer } from '../core/di.js';
import { isErasableLog, type ErasableLog } from '../core/log/erasable-log.js';
import type { EventLog } from '../core/log/event-log.js';
import { FileLogBackend, type LogBackend } from '../core/log/log-backend.js';
import { NodeLogFileSystem } from '../core/log/log-file-system.js';
import { CommandRegistry } from '../core/commands/command-bus.js';
import { ConsumerGroups } from '../core/groups/consumer-groups.js';
import { GroupStore } from '../core/groups/group-store.js';
import { silentLogger, type Logger } from '../core/logger.js';
import type { StoreOptions } from '../core/store-api.js';
import { TOKENS } from '../core/tokens.js';
import { SluiceViewEngine, type ViewEngineSettings } from '../core/view-engine/view-engine.js';
import { ViewStore } from '../core/view-engine/view-store.js';
import { discardViews } from './fresh-views.js';
import { workerRounds } from './view-worker/worker-rounds.js';
import { FileLog } from '../core/log/file-log.js';
import type { RoundRunnerFactory } from '../core/view-engine/round-runner.js';
import { SluiceStore } from './sluice-store.js';

function registerDefaults(child: DependencyContainer, options: StoreOptions): void {
  child.register(TOKENS.Config, { useValue: options });
  child.register(TOKENS.Logger, { useValue: options.logger ?? silentLogger });
  child.register(TOKENS.LogFileSystem, { useClass: NodeLogFileSystem }, { lifecycle: Lifecycle.ContainerScoped });
  child.register(TOKENS.LogBackend, { useClass: FileLogBackend }, { lifecycle: Lifecycle.ContainerScoped });
  const settings: ViewEngineSettings = {
    mode: options.readOnly ? 'observe' : 'write',
    batch: options.viewBatch,
    pace: options.viewPace,
    skipDamaged: options.skipDamaged === true,
    builder: `${options.readOnly ? 'reader' : 'writer'} pid ${process.pid}`,
  };
  child.register(TOKENS.ViewEngineSettings, { useValue: { ...settings, ...roundsOf(options, child) } });
  child.register(TOKENS.Views, { useClass: SluiceViewEngine }, { lifecycle: Lifecycle.ContainerScoped });
}

/** Rounds on a worker thread where asked for and possible: module plugins, the file log on the node file system. */
function roundsOf(options: StoreOptions, child: DependencyContainer): Pick<ViewEngineSettings, 'rounds'> {
  const plugins = options.plugins ?? [];
  if (options.viewWorker !== true || options.readOnly || !plugins.every((p): p is string => typeof p === 'string')) return {};
  const rounds: RoundRunnerFactory = (store, log, defs, inline) => {
    if (!(log instanceof FileLog) || !(child.resolve(TOKENS.LogFileSystem) instanceof NodeLogFileSystem)) return inline;
    const source = {
      dataDir: options.dataDir, logDir: log.dir, plugins, pluginBaseDir: options.pluginBaseDir,
      firstPartyViews: options.firstPartyViews !== false, views: defs.map((def) => `${def.name}@${def.version}`),
    };
    return workerRounds(source, child.resolve<Logger>(TOKENS.Logger))(store, log, defs, inline);
  };
  return { rounds };
}

export async function openStore(options: StoreOptions): Promise<SluiceStore> {
  const { dataDir } = options;
  // Plugins load first: a bad one stops start-up before anything is opened.
  const plugins = await loadPlugins(options.plugins ?? [], { baseDir: options.pluginBaseDir });
  const child = createStoreContainer();
  registerDefaults(child, options);
  options.register?.(child);
  let log: EventLog | undefined;
  let viewStore: ViewStore | undefined;
  let views: SluiceViewEngine | undefined;
  let groups: ConsumerGroups | undefined;
  try {
    log = await child.resolve<LogBackend>(TOKENS.LogBackend).open();
    // An erasure interrupted before its views were repaired: they may hold erased data, so they rebuild from the log.
    const erasurePending = isErasableLog(log) && log.erasurePending;
    if (erasurePending) await discardViews(dataDir);
    child.register(TOKENS.Log, { useValue: log });
    viewStore = ViewStore.open(join(dataDir, 'views'), { writer: !options.readOnly });
    child.register(TOKENS.ViewStore, { useValue: viewStore });
    views = child.resolve<SluiceViewEngine>(TOKENS.Views);
    // Groups change state on every read: only the writer holds them (readers see SLUICE_ERR_LOG_READ_ONLY).
    groups = options.readOnly ? undefined : new ConsumerGroups(log, GroupStore.open(join(dataDir, 'groups')));
    if (groups) child.register(TOKENS.Groups, { useValue: groups });
    const store = new SluiceStore(dataDir, log, views, viewStore, child, groups);
    child.register(TOKENS.Store, { useValue: store });
    views.open(resolveViews([...(options.firstPartyViews === false ? [] : [firstPartyPlugin()]), ...plugins], child));
    store.commands = new CommandRegistry(store, resolveCommands(plugins));
    if (erasurePending) await (log as ErasableLog).clearErasureJournal();
    if (options.retention && !options.readOnly) {
      store.keepRetention(options.retention, options.retention.intervalMs ?? 60_000, child.resolve<Logger>(TOKENS.Logger));
    }
    return store;
  } catch (err) {
    await groups?.close();
    await views?.close();
    await viewStore?.close();
    await log?.close();
    await child.dispose();
    throw err;
  }
}

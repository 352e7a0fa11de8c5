// Opens a store: the log under `<dataDir>/log`, the views' LMDB environment under `<dataDir>/views`, the first-party
// and plugin views, all wired in one tsyringe child container per store (never the global one).
import { join } from 'node:path';
import { firstPartyPlugin } from '../plugins/first-party-plugin.js';
import { loadPlugins } from '../plugins/load-plugins.js';
import { resolveViews } from '../plugins/resolve-views.js';
import { container } from '../core/di.js';
import { ConsumerGroups } from '../core/groups/consumer-groups.js';
import { GroupStore } from '../core/groups/group-store.js';
import { openFileLog } from '../core/log/file-log.js';
import { silentLogger } from '../core/logger.js';
import { TOKENS } from '../core/tokens.js';
import { SluiceViewEngine } from '../core/view-engine/view-engine.js';
import { ViewStore } from '../core/view-engine/view-store.js';
import { SluiceStore } from './sluice-store.js';
export async function openStore(options) {
    const { dataDir } = options;
    // Plugins load first: a bad one stops start-up before anything is opened.
    const plugins = await loadPlugins(options.plugins ?? [], { baseDir: options.pluginBaseDir });
    const log = await openFileLog({ dir: join(dataDir, 'log'), fsync: options.fsync, readOnly: options.readOnly, idWindowBytes: options.idWindowBytes });
    let viewStore;
    let groups;
    let views;
    const child = container.createChildContainer();
    try {
        viewStore = ViewStore.open(join(dataDir, 'views'), { writer: !options.readOnly });
        const logger = options.logger ?? silentLogger;
        views = new SluiceViewEngine({
            log, store: viewStore, logger, mode: options.readOnly ? 'observe' : 'write', batch: options.viewBatch,
            builder: `${options.readOnly ? 'reader' : 'writer'} pid ${process.pid}`,
        });
        // Groups change state on every read: only the writer holds them (readers see SLUICE_ERR_LOG_READ_ONLY).
        groups = options.readOnly ? undefined : new ConsumerGroups(log, GroupStore.open(join(dataDir, 'groups')));
        const store = new SluiceStore(dataDir, log, views, viewStore, child, groups);
        child.register(TOKENS.Config, { useValue: options });
        child.register(TOKENS.Log, { useValue: log });
        child.register(TOKENS.Logger, { useValue: logger });
        child.register(TOKENS.ViewStore, { useValue: viewStore });
        child.register(TOKENS.Views, { useValue: views });
        child.register(TOKENS.Store, { useValue: store });
        if (groups)
            child.register(TOKENS.Groups, { useValue: groups });
        views.open(resolveViews([firstPartyPlugin(), ...plugins], child));
        return store;
    }
    catch (err) {
        await groups?.close();
        await views?.close();
        await viewStore?.close();
        await log.close();
        await child.dispose();
        throw err;
    }
}
//# sourceMappingURL=open-store.js.map
// Plugins: declared with definePlugin, loaded from module paths or passed as objects, views as plain objects or as
// classes resolved through the store's child container; bad plugins stop start-up with an error naming them.
import { expect } from 'chai';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inject, injectable } from '../../core/di.js';
import type { EventLog, LogRecord } from '../../core/log/event-log.js';
import { openFileLog } from '../../core/log/file-log.js';
import type { LogBackend } from '../../core/log/log-backend.js';
import type { LogFileSystem } from '../../core/log/log-file-system.js';
import type { StoreOptions, ViewEngine } from '../../core/store-api.js';
import { TOKENS } from '../../core/tokens.js';
import type { ApplyContext, QueryContext, ViewDefinition } from '../../core/view-engine/view-definition.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { loadPlugins } from '../../plugins/load-plugins.js';
import { total } from '../helpers/bank-views.js';
import { expectCode } from '../helpers/log-test-kit.js';
import { useViewTestKit } from '../helpers/view-test-kit.js';

const VIEWS_MODULE = pathToFileURL(join(process.cwd(), 'dist', 'views', 'index.js')).href;

@injectable()
class LastTypeView implements ViewDefinition {
  readonly name = 'last-type';
  readonly version = 1;
  readonly dbs = { last: {} };
  readonly queries = {
    get: {
      params: { type: 'object', properties: {} },
      handler: (_p: unknown, ctx: QueryContext) => ({ type: ctx.dbs.last!.get('type'), logEnd: this.log.end, views: this.views.list().length }),
    },
  };

  constructor(@inject(TOKENS.Log) private readonly log: EventLog, @inject(TOKENS.Views) private readonly views: ViewEngine) {}

  apply(record: LogRecord, ctx: ApplyContext): void {
    ctx.dbs.last!.put('type', record.type);
  }
}

/** A backend of its own: the file log in another folder, proving openStore asks the registered backend. */
@injectable()
class ElsewhereLogBackend implements LogBackend {
  constructor(@inject(TOKENS.Config) private readonly options: StoreOptions, @inject(TOKENS.LogFileSystem) private readonly fs: LogFileSystem) {}

  open(): Promise<EventLog> {
    return openFileLog({ dir: join(this.options.dataDir, 'elsewhere'), fs: this.fs, fsync: 'none' });
  }
}

class NeedsUnknownService {
  constructor(readonly service: { name: string }) {}
}

describe('plugins', () => {
  const kit = useViewTestKit();

  describe('#loadPlugins', () => {
    it('loads a plugin module by relative path (default export), by file URL, and as an object', async () => {
      const dir = kit.dir();
      writeFileSync(join(dir, 'counts.mjs'), `
        import { reducerView } from ${JSON.stringify(VIEWS_MODULE)};
        export default { name: 'counts', views: [reducerView({ name: 'n', version: 1, initial: 0, reduce: (n) => n + 1 })] };
      `);
      writeFileSync(join(dir, 'named.mjs'), 'export const plugin = { name: \'named\', views: [] };');
      const plugins = await loadPlugins(['./counts.mjs', pathToFileURL(join(dir, 'named.mjs')).href, definePlugin({ name: 'inline' })], { baseDir: dir });
      expect(plugins.map((p) => p.name)).to.deep.equal(['counts', 'named', 'inline']);

      const store = await kit.open({ dataDir: join(dir, 'data'), plugins: ['./counts.mjs'], pluginBaseDir: dir });
      await store.append('s', [{ type: 'a' }, { type: 'b' }]);
      await store.views.idle();
      expect(await store.views.query('n', 'get', {})).to.deep.equal({ state: 2 });
    });

    it('names the module that fails to load (PLUGIN_LOAD_FAILED)', async () => {
      const dir = kit.dir();
      writeFileSync(join(dir, 'broken.mjs'), 'throw new Error("kaput");');
      const err = await expectCode(() => loadPlugins(['./broken.mjs'], { baseDir: dir }), 'SLUICE_ERR_PLUGIN_LOAD_FAILED');
      expect(err.details).to.include({ plugin: './broken.mjs' });
      expect(String(err.details!.reason)).to.include('kaput');
      await expectCode(() => loadPlugins(['./missing.mjs'], { baseDir: dir }), 'SLUICE_ERR_PLUGIN_LOAD_FAILED');
      await expectCode(() => loadPlugins(['no-such-package-sluice']), 'SLUICE_ERR_PLUGIN_LOAD_FAILED');
    });

    it('refuses modules and objects that are not plugins (PLUGIN_INVALID)', async () => {
      const dir = kit.dir();
      writeFileSync(join(dir, 'empty.mjs'), 'export const nothing = 1;');
      const noExport = await expectCode(() => loadPlugins(['./empty.mjs'], { baseDir: dir }), 'SLUICE_ERR_PLUGIN_INVALID');
      expect(noExport.details).to.include({ plugin: './empty.mjs' });
      const unnamed = await expectCode(() => loadPlugins([{ views: [] }]), 'SLUICE_ERR_PLUGIN_INVALID');
      expect(unnamed.details).to.include({ plugin: '#1' });
      await expectCode(() => loadPlugins([42]), 'SLUICE_ERR_PLUGIN_INVALID');
      await expectCode(() => loadPlugins([{ name: 'x', views: 'nope' }]), 'SLUICE_ERR_PLUGIN_INVALID');
      const twice = await expectCode(() => loadPlugins([{ name: 'x' }, { name: 'x' }]), 'SLUICE_ERR_PLUGIN_INVALID');
      expect(twice.details).to.include({ plugin: 'x' });
      await expectCode(() => loadPlugins(['node:path']), 'SLUICE_ERR_PLUGIN_INVALID');
      await expectCode(() => loadPlugins(['fast-check']), 'SLUICE_ERR_PLUGIN_INVALID');
    });
  });

  describe('when opening a store', () => {
    it('resolves view classes through the store\'s child container with their injected services', async () => {
      const store = await kit.open({ dataDir: kit.dir(), plugins: [definePlugin({ name: 'classes', views: [LastTypeView] })] });
      const { end } = await store.append('s', [{ type: 'first' }, { type: 'second' }]);
      await store.views.idle();
      expect(await store.views.query('last-type', 'get', {})).to.deep.equal({ type: 'second', logEnd: end, views: 4 });
      expect(store.container.resolve(TOKENS.Views)).to.equal(store.views);
      expect(store.container.resolve(TOKENS.Log)).to.equal(store.log);
    });

    it('gives each store its own container', async () => {
      const a = await kit.open({ dataDir: kit.dir() });
      const b = await kit.open({ dataDir: kit.dir() });
      expect(a.container.resolve(TOKENS.Log)).to.equal(a.log);
      expect(b.container.resolve(TOKENS.Log)).to.equal(b.log);
      expect(a.container).to.not.equal(b.container);
    });

    context('when another log backend is registered', () => {
      it('opens the log through that backend, with the services it injects', async () => {
        const dataDir = kit.dir();
        const store = await kit.open({ dataDir, register: (c) => c.register(TOKENS.LogBackend, { useClass: ElsewhereLogBackend }) });
        await store.append('s', { type: 'moved' });
        expect(existsSync(join(dataDir, 'elsewhere', 'log.meta'))).to.equal(true);
        expect(existsSync(join(dataDir, 'log'))).to.equal(false);
        await store.views.idle();
        const answer = await store.views.query('types', 'records', { type: 'moved' }) as { records: { stream: string }[] };
        expect(answer.records.map((r) => r.stream)).to.deep.equal(['s']);
      });
    });

    const bad: [string, unknown, RegExp][] = [
      ['a non-integer version', { ...total(), version: 1.5 }, /version must be a non-negative integer/],
      ['a missing name', { ...total(), name: undefined }, /name/],
      ['a name taken by a first-party view', { ...total(), name: 'streams' }, /already taken by plugin sluice/],
      ['no apply function', { ...total(), apply: undefined }, /apply must be a function/],
      ['a query without a params schema', { ...total(), queries: { get: { handler: () => 1 } } }, /params JSON schema/],
      ['a query without a handler', { ...total(), queries: { get: { params: { type: 'object' } } } }, /handler/],
      ['a bad sub-database name', { ...total(), dbs: { 'no/slash': {} } }, /sub-database name/],
      ['a bad query name', { ...total(), queries: { 'a b': { params: { type: 'object' }, handler: () => 1 } } }, /query name/],
      ['a flush that is not a function', { ...total(), flush: 3 }, /flush must be a function/],
      ['a class that cannot be constructed', NeedsUnknownService, /could not be constructed/],
    ];
    for (const [what, view, reason] of bad) {
      it(`refuses a view with ${what}, naming the plugin (PLUGIN_INVALID)`, async () => {
        const err = await expectCode(() => kit.open({ dataDir: kit.dir(), plugins: [{ name: 'broken', views: [view] }] }), 'SLUICE_ERR_PLUGIN_INVALID');
        expect(err.details).to.include({ plugin: 'broken' });
        expect(String(err.details!.reason)).to.match(reason);
      });
    }

    it('refuses two plugins declaring the same view name', async () => {
      const err = await expectCode(() => kit.open({
        dataDir: kit.dir(),
        plugins: [definePlugin({ name: 'one', views: [total()] }), definePlugin({ name: 'two', views: [total()] })],
      }), 'SLUICE_ERR_PLUGIN_INVALID');
      expect(err.details).to.include({ plugin: 'two' });
      expect(String(err.details!.reason)).to.include('already taken by plugin one');
    });

    it('refuses a query whose params schema does not compile (VIEW_DEFINITION_INVALID)', async () => {
      const view = { ...total(), queries: { get: { params: { type: 'object', properties: { x: { type: 'no-such-type' } } }, handler: () => 1 } } };
      const err = await expectCode(() => kit.open({ dataDir: kit.dir(), plugins: [{ name: 'p', views: [view] }] }), 'SLUICE_ERR_VIEW_DEFINITION_INVALID');
      expect(err.details).to.include({ view: 'total' });
    });
  });
});

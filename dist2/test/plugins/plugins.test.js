var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
// Plugins: declared with definePlugin, loaded from module paths or passed as objects, views as plain objects or as
// classes resolved through the store's child container; bad plugins stop start-up with an error naming them.
import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { inject, injectable } from '../../core/di.js';
import { TOKENS } from '../../core/tokens.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { loadPlugins } from '../../plugins/load-plugins.js';
import { total } from '../helpers/bank-views.js';
import { expectCode } from '../helpers/log-test-kit.js';
import { useViewTestKit } from '../helpers/view-test-kit.js';
const VIEWS_MODULE = pathToFileURL(join(process.cwd(), 'dist', 'views', 'index.js')).href;
let LastTypeView = class LastTypeView {
    log;
    views;
    name = 'last-type';
    version = 1;
    dbs = { last: {} };
    queries = {
        get: {
            params: { type: 'object', properties: {} },
            handler: (_p, ctx) => ({ type: ctx.dbs.last.get('type'), logEnd: this.log.end, views: this.views.list().length }),
        },
    };
    constructor(log, views) {
        this.log = log;
        this.views = views;
    }
    apply(record, ctx) {
        ctx.dbs.last.put('type', record.type);
    }
};
LastTypeView = __decorate([
    injectable(),
    __param(0, inject(TOKENS.Log)),
    __param(1, inject(TOKENS.Views)),
    __metadata("design:paramtypes", [Object, Object])
], LastTypeView);
class NeedsUnknownService {
    service;
    constructor(service) {
        this.service = service;
    }
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
            expect(String(err.details.reason)).to.include('kaput');
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
            expect(store.container.resolve(TOKENS.Store)).to.equal(store);
            expect(store.container.resolve(TOKENS.Views)).to.equal(store.views);
        });
        it('gives each store its own container', async () => {
            const a = await kit.open({ dataDir: kit.dir() });
            const b = await kit.open({ dataDir: kit.dir() });
            expect(a.container.resolve(TOKENS.Log)).to.equal(a.log);
            expect(b.container.resolve(TOKENS.Log)).to.equal(b.log);
            expect(a.container).to.not.equal(b.container);
        });
        const bad = [
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
                expect(String(err.details.reason)).to.match(reason);
            });
        }
        it('refuses two plugins declaring the same view name', async () => {
            const err = await expectCode(() => kit.open({
                dataDir: kit.dir(),
                plugins: [definePlugin({ name: 'one', views: [total()] }), definePlugin({ name: 'two', views: [total()] })],
            }), 'SLUICE_ERR_PLUGIN_INVALID');
            expect(err.details).to.include({ plugin: 'two' });
            expect(String(err.details.reason)).to.include('already taken by plugin one');
        });
        it('refuses a query whose params schema does not compile (VIEW_DEFINITION_INVALID)', async () => {
            const view = { ...total(), queries: { get: { params: { type: 'object', properties: { x: { type: 'no-such-type' } } }, handler: () => 1 } } };
            const err = await expectCode(() => kit.open({ dataDir: kit.dir(), plugins: [{ name: 'p', views: [view] }] }), 'SLUICE_ERR_VIEW_DEFINITION_INVALID');
            expect(err.details).to.include({ view: 'total' });
        });
    });
});
//# sourceMappingURL=plugins.test.js.map
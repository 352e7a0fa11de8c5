// The package entry points: what an application or a plugin imports from 'sluice', 'sluice/views', 'sluice/plugins'.
import { expect } from 'chai';
import * as sluice from '../../store/index.js';
import * as plugins from '../../plugins/index.js';
import * as views from '../../views/index.js';
describe('entry points', () => {
    it('export the embedded API, the view kinds and plugin helpers', () => {
        for (const name of ['openStore', 'definePlugin', 'defineView', 'indexView', 'keyedStateView', 'reducerView', 'inject', 'injectable', 'TOKENS', 'SluiceError', 'silentLogger']) {
            expect(sluice, name).to.have.property(name);
        }
        expect(Object.keys(views)).to.include.members(['indexView', 'keyedStateView', 'reducerView', 'streamsView', 'typesView', 'tagsView']);
        expect(Object.keys(plugins)).to.include.members(['definePlugin', 'loadPlugins', 'resolveViews', 'checkPlugin', 'firstPartyPlugin']);
        const view = sluice.defineView({ name: 'v', version: 1, dbs: {}, apply() { }, queries: {} });
        expect(view.name).to.equal('v');
        expect(sluice.silentLogger.info({}, 'quiet')).to.equal(undefined);
    });
});
//# sourceMappingURL=exports.test.js.map
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isSluiceError } from '../../core/errors.js';
import { DEFAULT_CONFIG, loadConfig, resolveConfig } from '../../config/config.js';
async function configError(fn) {
    try {
        await fn();
    }
    catch (err) {
        expect(isSluiceError(err, 'CONFIG_INVALID'), String(err)).to.equal(true);
        return String(err.details.field);
    }
    throw new Error('expected SLUICE_ERR_CONFIG_INVALID');
}
describe('server: config', () => {
    let dir;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sluice-config-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    describe('#loadConfig', () => {
        it('uses the embedded defaults with no file and no env', async () => {
            const config = await loadConfig({}, dir);
            expect(config).to.deep.equal(DEFAULT_CONFIG);
            expect(config).to.include({ dataDir: './data', host: '127.0.0.1', port: 7070, fsync: 'fsync' });
            expect(config.limits.maxBodyBytes).to.equal(64 * 1024 * 1024);
        });
        it('reads SLUICE_* variables', async () => {
            const config = await loadConfig({ SLUICE_DATA_DIR: '/tmp/x', SLUICE_HOST: '0.0.0.0', SLUICE_PORT: '8080', SLUICE_FSYNC: 'batch', SLUICE_MAX_BODY_BYTES: '1000', SLUICE_LOG_LEVEL: 'silent' }, dir);
            expect(config).to.include({ dataDir: '/tmp/x', host: '0.0.0.0', port: 8080, fsync: 'batch', logLevel: 'silent' });
            expect(config.limits.maxBodyBytes).to.equal(1000);
        });
        it('names the variable when one is invalid', async () => {
            expect(await configError(() => loadConfig({ SLUICE_PORT: 'eighty' }, dir))).to.equal('SLUICE_PORT');
            expect(await configError(() => loadConfig({ SLUICE_FSYNC: 'sometimes' }, dir))).to.equal('SLUICE_FSYNC');
            expect(await configError(() => loadConfig({ SLUICE_MAX_BODY_BYTES: '0' }, dir))).to.equal('SLUICE_MAX_BODY_BYTES');
        });
        it('finds ./sluice.config.json, anchors its relative paths, and lets env override it', async () => {
            writeFileSync(join(dir, 'sluice.config.json'), JSON.stringify({ dataDir: 'store', port: 9000, plugins: ['./views.js', 'some-package'], limits: { maxPageSize: 50 } }));
            const config = await loadConfig({ SLUICE_PORT: '9001' }, dir);
            expect(config.dataDir).to.equal(join(dir, 'store'));
            expect(config.plugins).to.deep.equal([join(dir, 'views.js'), 'some-package']);
            expect(config.port).to.equal(9001);
            expect(config.limits.maxPageSize).to.equal(50);
        });
        it('loads an .mjs config named by SLUICE_CONFIG', async () => {
            writeFileSync(join(dir, 'my.mjs'), 'export default { fsync: "none", maxBodyBytes: 2048 };\n');
            const config = await loadConfig({ SLUICE_CONFIG: 'my.mjs' }, dir);
            expect(config.fsync).to.equal('none');
            expect(config.limits.maxBodyBytes).to.equal(2048);
        });
        it('rejects a bad file, naming the field', async () => {
            writeFileSync(join(dir, 'a.json'), JSON.stringify({ port: 70000 }));
            expect(await configError(() => loadConfig({ SLUICE_CONFIG: 'a.json' }, dir))).to.match(/a\.json: port$/);
            writeFileSync(join(dir, 'b.json'), JSON.stringify({ prot: 1 }));
            expect(await configError(() => loadConfig({ SLUICE_CONFIG: 'b.json' }, dir))).to.match(/prot$/);
            writeFileSync(join(dir, 'c.json'), '{ nope');
            expect(await configError(() => loadConfig({ SLUICE_CONFIG: 'c.json' }, dir))).to.equal('SLUICE_CONFIG');
            writeFileSync(join(dir, 'd.json'), '[1]');
            expect(await configError(() => loadConfig({ SLUICE_CONFIG: 'd.json' }, dir))).to.equal('SLUICE_CONFIG');
            writeFileSync(join(dir, 'e.mjs'), 'throw new Error("boom");\n');
            expect(await configError(() => loadConfig({ SLUICE_CONFIG: 'e.mjs' }, dir))).to.equal('SLUICE_CONFIG');
            writeFileSync(join(dir, 'f.yaml'), 'a: 1');
            expect(await configError(() => loadConfig({ SLUICE_CONFIG: 'f.yaml' }, dir))).to.equal('SLUICE_CONFIG');
            expect(await configError(() => loadConfig({ SLUICE_CONFIG: 'missing.json' }, dir))).to.equal('SLUICE_CONFIG');
        });
    });
    describe('#resolveConfig', () => {
        const cases = [
            ['a non-object', 5, 'config'],
            ['an empty dataDir', { dataDir: '' }, 'dataDir'],
            ['a bad log level', { logLevel: 'loud' }, 'logLevel'],
            ['plugins that are not a list', { plugins: 'x' }, 'plugins'],
            ['a non-string plugin', { plugins: [3] }, 'plugins[0]'],
            ['limits that are not an object', { limits: [] }, 'limits'],
            ['an unknown limit', { limits: { speed: 1 } }, 'limits.speed'],
            ['a negative wait', { limits: { maxWaitMs: -1 } }, 'limits.maxWaitMs'],
            ['a page default above the cap', { limits: { defaultPageSize: 10, maxPageSize: 5 } }, 'limits.defaultPageSize'],
            ['a fractional shutdown timeout', { shutdownTimeoutMs: 1.5 }, 'shutdownTimeoutMs'],
        ];
        for (const [what, input, field] of cases) {
            it(`rejects ${what}, naming ${field}`, async () => {
                expect(await configError(() => resolveConfig(input))).to.equal(field);
            });
        }
    });
});
//# sourceMappingURL=config.test.js.map
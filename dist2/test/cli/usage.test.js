import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../helpers/cli-fixture.js';
describe('sluice (usage and configuration)', () => {
    let tmp;
    beforeEach(() => { tmp = tempDir(); });
    afterEach(() => tmp.remove());
    context('when run without a command', () => {
        it('prints the commands and exits 2', async () => {
            const r = await runCli([]);
            expect(r.code).to.equal(2);
            expect(r.stderr).to.match(/Usage: sluice <command>/);
            expect(r.stderr).to.include('reindex');
        });
    });
    it('prints the overview with --help and exits 0', async () => {
        const r = await runCli(['--help']);
        expect(r.code).to.equal(0);
        for (const command of ['serve', 'append', 'cat', 'get', 'head', 'views', 'reindex', 'verify', 'export', 'import'])
            expect(r.stdout).to.include(`  ${command}`);
    });
    it('prints a command\'s help, with the common options, and exits 0', async () => {
        const r = await runCli(['cat', '--help']);
        expect(r.code).to.equal(0);
        expect(r.stdout).to.include('--follow');
        expect(r.stdout).to.include('--data <dir>');
        expect(r.stdout).to.include('--config <file>');
    });
    it('exits 2 on an unknown command, naming the commands', async () => {
        const r = await runCli(['frobnicate']);
        expect(r.code).to.equal(2);
        expect(r.stderr).to.include('unknown command "frobnicate"');
        expect(r.stderr).to.include('sluice --help');
    });
    it('exits 2 on an unknown option and says where to look', async () => {
        const r = await runCli(['cat', '--frob', '--data', tmp.data]);
        expect(r.code).to.equal(2);
        expect(r.stderr).to.include('--frob');
        expect(r.stderr).to.include('sluice cat --help');
    });
    it('exits 2 on a malformed value', async () => {
        const r = await runCli(['get', 'abc', '--data', tmp.data]);
        expect(r.code).to.equal(2);
        expect(r.stderr).to.include('<offset> must be an integer');
    });
    it('exits 1 with what to do next when the data directory holds no store', async () => {
        const r = await runCli(['cat', '--data', tmp.data]);
        expect(r.code).to.equal(1);
        expect(r.stderr).to.include('SLUICE_ERR_CLI_NO_STORE');
        expect(r.stderr).to.include('check --data');
    });
    context('with a config file', () => {
        it('takes the data directory from it (relative to the file), and from SLUICE_DATA_DIR over it', async () => {
            const config = join(tmp.dir, 'sluice.config.json');
            writeFileSync(config, JSON.stringify({ dataDir: './from-config' }));
            expect((await runCli(['append', 's', '--type', 'T', '--data', '1', '--config', config])).code).to.equal(0);
            const viaFile = await runCli(['cat', '--data', join(tmp.dir, 'from-config')]);
            expect(viaFile.stdout).to.include('"stream":"s"');
            // Found without --config when it sits in the working directory.
            expect((await runCli(['cat'], { cwd: tmp.dir })).stdout).to.include('"stream":"s"');
            const env = await runCli(['cat'], { cwd: tmp.dir, env: { SLUICE_DATA_DIR: tmp.data } });
            expect(env.code).to.equal(1);
            expect(env.stderr).to.include(tmp.data);
        });
        it('exits 1 naming the field of an invalid setting', async () => {
            const config = join(tmp.dir, 'bad.json');
            writeFileSync(config, JSON.stringify({ fsync: 'sometimes' }));
            const r = await runCli(['cat', '--config', config]);
            expect(r.code).to.equal(1);
            expect(r.stderr).to.include('SLUICE_ERR_CONFIG_INVALID');
            expect(r.stderr).to.include('fsync');
        });
    });
});
//# sourceMappingURL=usage.test.js.map
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { parseLines, runCli, startServerProcess, tempDir } from '../helpers/cli-fixture.js';
describe('sluice append --id, read and groups', () => {
    let tmp;
    beforeEach(() => { tmp = tempDir(); });
    afterEach(() => tmp.remove());
    const ok = async (args, input) => {
        const r = await runCli(args, input === undefined ? {} : { input });
        expect(r.code, r.stderr).to.equal(0);
        return r.stdout;
    };
    context('when the same append with --id runs twice', () => {
        it('prints the original offset and stores the event once', async () => {
            const id = randomUUID();
            await ok(['append', 'first', '--type', 'A', '--data-dir', tmp.data]);
            const args = ['append', 's', '--type', 'T', '--data', '1', '--id', id, '--data-dir', tmp.data];
            const first = await ok(args);
            expect(await ok(args)).to.equal(first);
            const records = parseLines(await ok(['cat', '--data', tmp.data]));
            expect(records.map((r) => r.id)).to.deep.equal([undefined, id]);
        });
    });
    context('when a stream is read backwards', () => {
        it('prints the last events newest first, also before any server built the streams view', async () => {
            const lines = [0, 1, 2, 3, 4].map((i) => JSON.stringify({ stream: i === 2 ? 'other' : 's', type: 'T', data: i })).join('\n');
            await ok(['append', '--batch', '--data-dir', tmp.data], `${lines}\n`);
            const back = parseLines(await ok(['read', 's', '--backward', '--limit', '2', '--data', tmp.data]));
            expect(back.map((r) => r.data)).to.deep.equal([4, 3]);
            const from = parseLines(await ok(['read', 's', '--backward', '--from', '1', '--data', tmp.data]));
            expect(from.map((r) => r.data)).to.deep.equal([1, 0]);
            const filtered = parseLines(await ok(['cat', '--category', 'o', '--data', tmp.data]));
            expect(filtered.map((r) => r.stream)).to.deep.equal(['other']);
            const missing = await runCli(['read', 'nope', '--data', tmp.data]);
            expect(missing.code).to.equal(1);
            expect(missing.stderr).to.contain('SLUICE_ERR_STREAM_NOT_FOUND');
        });
    });
    context('when groups are managed on the store and through a server', () => {
        it('creates, lists, inspects and deletes them, and refuses a bad filter with its code', async () => {
            await ok(['append', 'order-1', '--type', 'Placed', '--data-dir', tmp.data]);
            const created = JSON.parse(await ok(['groups', 'create', 'emails', '--category', 'order-', '--max-deliveries', '3', '--data', tmp.data]));
            expect(created).to.include({ name: 'emails', maxDeliveries: 3, checkpoint: 0 });
            const bad = await runCli(['groups', 'create', 'x', '--stream', 'a', '--category', 'b', '--data', tmp.data]);
            expect(bad.code).to.equal(1);
            expect(bad.stderr).to.contain('SLUICE_ERR_LOG_FILTER_INVALID');
            const server = await startServerProcess(tmp.data);
            try {
                const table = await ok(['groups', 'list', '--url', server.url]);
                expect(table.split('\n')[0]).to.match(/^group\s+filter\s+checkpoint\s+lag bytes/);
                expect(table).to.contain('emails');
                const info = JSON.parse(await ok(['groups', 'info', 'emails', '--url', server.url]));
                expect(info).to.include({ name: 'emails', parked: 0, inFlight: 0 });
                expect(info.lagBytes).to.be.greaterThan(0);
                const busy = await runCli(['groups', 'list', '--data', tmp.data]);
                expect(busy.stderr).to.contain('SLUICE_ERR_CLI_STORE_BUSY');
                await ok(['groups', 'delete', 'emails', '--url', server.url]);
            }
            finally {
                await server.stop();
            }
            expect(JSON.parse(await ok(['groups', 'list', '--json', '--data', tmp.data]))).to.deep.equal({ groups: [] });
        });
    });
});
//# sourceMappingURL=esapi.test.js.map
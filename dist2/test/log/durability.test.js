import { expect } from 'chai';
import { openFileLog } from '../../core/log/file-log.js';
import { CrashFileSystem } from '../helpers/crash-file-system.js';
import { caught, CODES, collect, expectCode, readAll, useLogTestKit, waitFor } from '../helpers/log-test-kit.js';
import { SeededRandom } from '../helpers/seeded-random.js';
/** What a power loss right now would leave, reopened. */
async function afterPowerLoss(fs, seed) {
    fs.crash();
    const rebooted = new CrashFileSystem({ image: fs.powerLossImage(new SeededRandom(seed)) });
    const log = await openFileLog({ dir: '/log', fs: rebooted, lock: false });
    const types = (await readAll(log)).map((r) => r.type);
    await log.close();
    return types;
}
describe('file-log', () => {
    const kit = useLogTestKit();
    for (const mode of ['fsync', 'batch', 'none']) {
        context(`in ${mode} mode`, () => {
            it('appends, reads back and reopens', async () => {
                const dir = kit.dir();
                const log = await kit.open({ dir, fsync: mode, batchIntervalMs: 5 });
                const results = await Promise.all(Array.from({ length: 30 }, (_, i) => log.append(`s${i % 3}`, { type: 'e', data: { i } })));
                for (const [i, result] of results.entries())
                    expect((await log.read(result.offsets[0])).data).to.deep.equal({ i });
                await log.close();
                const reopened = await kit.open({ dir, fsync: mode });
                expect((await readAll(reopened)).map((r) => r.data.i).sort((a, b) => a - b)).to.deep.equal([...Array(30).keys()]);
                expect(reopened.streamRevision('s0')).to.equal(9);
            });
            it('makes everything durable on close', async () => {
                for (let seed = 1; seed <= 10; seed++) {
                    const fs = new CrashFileSystem();
                    const log = await openFileLog({ dir: '/log', fs, lock: false, fsync: mode, batchIntervalMs: 60_000 });
                    await Promise.all(Array.from({ length: 10 }, (_, i) => log.append('s', { type: `e${i}` })));
                    await log.close();
                    expect(fs.pendingWrites()).to.deep.equal([]);
                    expect(await afterPowerLoss(fs, seed)).to.have.length(10);
                }
            });
            it('makes everything written so far durable on sync()', async () => {
                const fs = new CrashFileSystem();
                const log = await kit.open({ dir: '/log', fs, lock: false, fsync: mode, batchIntervalMs: 60_000 });
                await log.append('s', [{ type: 'a' }, { type: 'b' }]);
                await log.sync();
                expect(fs.pendingWrites()).to.deep.equal([]);
                expect(await afterPowerLoss(fs, 3)).to.deep.equal(['a', 'b']);
            });
            it('rejects appends after close with LOG_CLOSED, and reads too', async () => {
                const log = await kit.open({ dir: kit.dir(), fsync: mode });
                const inFlight = Array.from({ length: 10 }, (_, i) => log.append('s', { type: `e${i}` }));
                const closing = log.close();
                await expectCode(() => log.append('s', { type: 'late' }), CODES.closed);
                expect(await Promise.all(inFlight)).to.have.length(10);
                await closing;
                await log.close();
                await expectCode(() => log.append('s', { type: 'late' }), CODES.closed);
                await expectCode(() => log.appendBatch([{ stream: 's', events: [{ type: 'late' }] }]), CODES.closed);
                await expectCode(() => log.read(0), CODES.closed);
                await expectCode(() => log.readBatch(0), CODES.closed);
                await expectCode(() => collect(log.readForward(0)), CODES.closed);
                await expectCode(() => collect(log.readBackward()), CODES.closed);
                await expectCode(() => log.verify(), CODES.closed);
            });
        });
    }
    describe('#close', () => {
        it('closes once when called concurrently, and the directory can be opened again', async () => {
            const dir = kit.dir();
            const log = await kit.open({ dir });
            await log.append('s', { type: 'e' });
            await Promise.all([log.close(), log.close(), log.close()]);
            const reopened = await kit.open({ dir });
            expect(reopened.end).to.equal(log.end);
        });
    });
    context('in fsync mode', () => {
        it('resolves an append only once its bytes are durable', async () => {
            const fs = new CrashFileSystem();
            const log = await kit.open({ dir: '/log', fs, lock: false });
            for (let i = 0; i < 20; i++) {
                await log.append('s', { type: `e${i}` });
                expect(fs.pendingWrites(), `after append ${i}`).to.deep.equal([]);
            }
        });
        it('shares one datasync among concurrent appenders (group commit)', async () => {
            const fs = new CrashFileSystem();
            const log = await kit.open({ dir: '/log', fs, lock: false });
            const before = fs.datasyncs;
            await Promise.all(Array.from({ length: 64 }, (_, i) => log.append(`s${i}`, { type: 'e' })));
            expect(fs.datasyncs - before).to.be.at.most(3);
        });
        it('never acknowledges an append whose datasync failed, and stops accepting writes', async () => {
            const fs = new CrashFileSystem();
            const log = await kit.open({ dir: '/log', fs, lock: false });
            await log.append('s', { type: 'ok' });
            fs.crashAt = fs.ops + 2; // the next append's write lands, its datasync fails
            const err = await caught(() => log.append('s', { type: 'unsynced' }));
            expect(err.code).to.equal(CODES.failed);
            await expectCode(() => log.append('s', { type: 'after' }), CODES.failed);
            expect(log.end).to.be.below(fs.contentOf(`/log/${'0'.repeat(20)}.seg`).length);
        });
    });
    context('in batch mode', () => {
        it('makes acknowledged appends durable within the interval without a sync()', async () => {
            const fs = new CrashFileSystem();
            const log = await kit.open({ dir: '/log', fs, lock: false, fsync: 'batch', batchIntervalMs: 5 });
            await log.append('s', [{ type: 'a' }, { type: 'b' }]);
            await waitFor(() => fs.pendingWrites().length === 0, 5000, 'the batch sync');
            expect(await afterPowerLoss(fs, 9)).to.deep.equal(['a', 'b']);
        });
        it('recovers a committed prefix when the power fails before the interval', async () => {
            for (let seed = 1; seed <= 20; seed++) {
                const fs = new CrashFileSystem();
                const log = await kit.open({ dir: '/log', fs, lock: false, fsync: 'batch', batchIntervalMs: 60_000 });
                await log.append('s', { type: 'durable' });
                await log.sync();
                for (let i = 0; i < 5; i++)
                    await log.append('s', { type: `maybe${i}` });
                const types = await afterPowerLoss(fs, seed);
                expect(types[0]).to.equal('durable');
                expect(types).to.deep.equal(['durable', 'maybe0', 'maybe1', 'maybe2', 'maybe3', 'maybe4'].slice(0, types.length));
                await log.close().catch(() => undefined); // the simulated machine is down
            }
        });
    });
});
//# sourceMappingURL=durability.test.js.map
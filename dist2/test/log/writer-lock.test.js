import { expect } from 'chai';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { payloadHash, useLogChildren } from '../helpers/log-child-process.js';
import { caught, CODES, expectCode, readAll, segmentPath, useLogTestKit, waitFor } from '../helpers/log-test-kit.js';
/** The process state letter from /proc (Linux): Z for a zombie. */
function processState(pid) {
    try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        return stat.slice(stat.lastIndexOf(')') + 2)[0];
    }
    catch {
        return undefined;
    }
}
describe('writer-lock', () => {
    const spawnChild = useLogChildren(); // first: its afterEach kills children before the directories go
    const kit = useLogTestKit();
    context('when another process holds the data directory', () => {
        it('refuses a second writer process within 1 s, naming the holder', async () => {
            const dir = kit.dir();
            await kit.open({ dir });
            const probe = spawnChild(['probe', dir]);
            const line = await probe.waitForLine((l) => 'ms' in l);
            await probe.closed;
            expect(line).to.include({ code: CODES.locked, pid: process.pid });
            expect(line.ms).to.be.below(1000);
        });
        it('refuses this process while a child holds it, naming the child', async () => {
            const dir = kit.dir();
            const holder = spawnChild(['hold', dir]);
            try {
                await holder.waitForLine((l) => 'ready' in l);
                const started = Date.now();
                const err = await expectCode(() => kit.open({ dir }), CODES.locked);
                expect(Date.now() - started).to.be.below(1000);
                expect(err.details).to.include({ pid: holder.pid });
            }
            finally {
                holder.process.stdin.end();
                await holder.closed;
            }
            const log = await kit.open({ dir });
            expect(log.readOnly).to.equal(false);
        });
        it('refuses a second writer in the same process', async () => {
            const dir = kit.dir();
            await kit.open({ dir });
            const err = await expectCode(() => kit.open({ dir }), CODES.locked);
            expect(err.details).to.include({ pid: process.pid });
        });
    });
    context('when the holder was killed with SIGKILL', () => {
        it('lets the next writer take the directory', async () => {
            const dir = kit.dir();
            for (let round = 0; round < 3; round++) {
                const holder = spawnChild(['hold', dir]);
                await holder.waitForLine((l) => 'ready' in l);
                await holder.kill();
                const log = await kit.open({ dir });
                await log.append('s', { type: 'after-kill', data: { round } });
                await log.close();
            }
            const probe = spawnChild(['probe', dir]);
            expect(await probe.waitForLine((l) => 'ms' in l)).to.include({ opened: true });
            await probe.closed;
        });
        it('lets the next writer take the directory while the dead holder is still an unreaped zombie', async () => {
            const dir = kit.dir();
            const holder = spawnChild(['hold', dir]);
            await holder.waitForLine((l) => 'ready' in l);
            process.kill(holder.pid, 'SIGKILL');
            // Until this process reaps it (on its next turn of the event loop), the dead holder is a zombie.
            const deadline = Date.now() + 5000;
            while (processState(holder.pid) !== 'Z' && Date.now() < deadline) { /* spin without yielding to the event loop */ }
            expect(processState(holder.pid)).to.equal('Z');
            const log = await kit.open({ dir });
            await log.close();
            await holder.closed;
        });
    });
    context('when read-only logs open beside a writer', () => {
        it('sees the writer’s appends in this process after refresh', async () => {
            const dir = kit.dir();
            const writer = await kit.open({ dir, segmentBytes: 2048 });
            await writer.append('s', { type: 'first' });
            const reader = await kit.open({ dir, readOnly: true });
            expect(reader.readOnly).to.equal(true);
            expect(reader.end).to.equal(writer.end);
            const another = await kit.open({ dir, readOnly: true });
            for (let i = 0; i < 40; i++)
                await writer.append('s', { type: 'more', data: { i, pad: 'p'.repeat(100) } });
            expect(await reader.refresh()).to.equal(writer.end);
            expect(await another.refresh()).to.equal(writer.end);
            expect((await readAll(reader)).length).to.equal(41);
            expect(reader.streamRevision('s')).to.equal(40);
            await expectCode(() => reader.append('s', { type: 'x' }), CODES.readOnly);
        });
        it('follows a writer in another process and reads exactly what it acknowledged', async () => {
            const dir = kit.dir();
            const child = spawnChild(['append', dir, '3', '7']);
            try {
                await child.waitForLine((l) => 'ready' in l);
                const reader = await kit.open({ dir, readOnly: true });
                let acks = 0;
                await child.waitForLine((l) => typeof l.o === 'number' && ++acks >= 50);
                const seen = child.lines.filter((l) => typeof l.o === 'number');
                const lastAck = Math.max(...seen.map((l) => l.o));
                await waitFor(async () => (await reader.refresh()) > lastAck, 10_000, 'the reader to see the acknowledged appends');
                for (const ack of seen) {
                    const record = reader.readSync(ack.o);
                    expect(record.stream).to.equal(ack.s);
                    expect(record.revision).to.equal(ack.r);
                    expect(payloadHash(record.data, record.binary)).to.equal(ack.h);
                }
                expect((await reader.verify()).damaged).to.deep.equal([]);
            }
            finally {
                await child.kill();
            }
        });
        it('opens empty before the writer has created its first segment, and follows it after refresh', async () => {
            const dir = kit.dir();
            await (await kit.open({ dir })).close();
            rmSync(segmentPath(dir));
            rmSync(join(dir, 'streams.ckpt'));
            const reader = await kit.open({ dir, readOnly: true });
            expect(reader.end).to.equal(0);
            expect(await readAll(reader)).to.deep.equal([]);
            expect((await caught(() => reader.read(0))).code).to.equal(CODES.noRecord);
            const writer = await kit.open({ dir });
            const { end } = await writer.append('s', { type: 'first' });
            expect(await reader.refresh()).to.equal(end);
            expect((await readAll(reader)).map((r) => r.type)).to.deep.equal(['first']);
        });
        it('refuses to open read-only where no writer ever created a log', async () => {
            await expectCode(() => kit.open({ dir: join(kit.dir(), 'none'), readOnly: true }), 'SLUICE_ERR_LOG_FORMAT');
        });
    });
});
//# sourceMappingURL=writer-lock.test.js.map
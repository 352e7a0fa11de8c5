import { expect } from 'chai';
import { catRecords, parseLines, runCli, spawnCli, tempDir } from '../helpers/cli-fixture.js';
describe('sluice cat', () => {
    let tmp;
    let d;
    before(async () => {
        tmp = tempDir();
        d = ['--data', tmp.data];
        const lines = Array.from({ length: 30 }, (_, i) => JSON.stringify({ stream: `s${i % 3}`, type: i % 2 ? 'Odd' : 'Even', data: { i } }));
        const r = await runCli(['append', '--batch', '--data-dir', tmp.data], { input: lines.join('\n') });
        expect(r.code, r.stderr).to.equal(0);
    });
    after(() => tmp.remove());
    it('prints every record as NDJSON, in log order, with the offset to continue from', async () => {
        const r = await runCli(['cat', ...d]);
        expect(r.code, r.stderr).to.equal(0);
        const recs = parseLines(r.stdout);
        expect(recs.map((x) => x.data.i)).to.deep.equal(Array.from({ length: 30 }, (_, i) => i));
        for (let i = 1; i < recs.length; i++)
            expect(recs[i].offset).to.equal(recs[i - 1].next);
        expect(r.stderr).to.equal('');
    });
    it('starts at --from and stops after --limit', async () => {
        const all = await catRecords([...d]);
        const r = await runCli(['cat', '--from', String(all[5].offset), '--limit', '3', ...d]);
        expect(parseLines(r.stdout).map((x) => x.data.i)).to.deep.equal([5, 6, 7]);
    });
    it('filters by --stream and --type', async () => {
        const r = await runCli(['cat', '--stream', 's1', '--type', 'Odd', ...d]);
        const recs = parseLines(r.stdout);
        expect(recs.map((x) => x.data.i)).to.deep.equal([1, 7, 13, 19, 25]);
    });
    it('exits 1 when --from is not a record boundary', async () => {
        const r = await runCli(['cat', '--from', '3', ...d]);
        expect(r.code).to.equal(1);
        expect(r.stderr).to.include('SLUICE_ERR_LOG_NO_RECORD');
    });
    context('with --follow', () => {
        it('prints records another process appends, until interrupted (exit 0)', async () => {
            const cat = spawnCli(['cat', '--follow', '--stream', 'live', ...d]);
            try {
                for (let i = 0; i < 3; i++) {
                    const r = await runCli(['append', 'live', '--type', 'Tick', '--data', String(i), '--data-dir', tmp.data]);
                    expect(r.code, r.stderr).to.equal(0);
                    await cat.waitFor(() => cat.lines().length === i + 1, 10_000, `record ${i}`);
                }
                expect(cat.lines().map((l) => JSON.parse(l).data)).to.deep.equal([0, 1, 2]);
            }
            finally {
                const r = await cat.kill('SIGINT');
                expect(r.code).to.equal(0);
            }
        });
        it('stops after --limit records even while following', async () => {
            const cat = spawnCli(['cat', '--follow', '--stream', 'limited', '--limit', '2', ...d]);
            await runCli(['append', 'limited', '--batch', '--type', 'T', '--data-dir', tmp.data], { input: '{}\n{}\n{}\n' });
            const r = await cat.exited;
            expect(r.code).to.equal(0);
            expect(parseLines(r.stdout)).to.have.length(2);
        });
    });
    it('ends quietly when the reader closes the pipe', async () => {
        const cat = spawnCli(['cat', '--follow', ...d]);
        await cat.waitFor((out) => out.includes('\n'));
        cat.child.stdout.destroy();
        await runCli(['append', 'x', '--type', 'T', '--data', '1', '--data-dir', tmp.data]);
        await runCli(['append', 'x', '--type', 'T', '--data', '1', '--data-dir', tmp.data]);
        const r = await cat.kill('SIGINT');
        expect(r.stderr).to.equal('');
    });
});
describe('sluice get and head', () => {
    let tmp;
    let d;
    before(async () => {
        tmp = tempDir();
        d = ['--data', tmp.data];
        await runCli(['append', '--batch', '--data-dir', tmp.data], { input: '{"stream":"a","type":"T","data":1}\n{"stream":"b","type":"T","data":2}\n{"stream":"a","type":"U","data":3}\n{"stream":"b","type":"T","data":4}\n' });
    });
    after(() => tmp.remove());
    it('get prints the record at an offset', async () => {
        const all = await catRecords([...d]);
        const r = await runCli(['get', String(all[2].offset), ...d]);
        expect(r.code, r.stderr).to.equal(0);
        expect(parseLines(r.stdout)).to.deep.equal([all[2]]);
    });
    it('get exits 1 when no record starts at the offset, saying where offsets come from', async () => {
        const r = await runCli(['get', '1', ...d]);
        expect(r.code).to.equal(1);
        expect(r.stderr).to.include('SLUICE_ERR_LOG_NO_RECORD');
        expect(r.stderr).to.include('sluice cat');
    });
    it('head prints the stream\'s last event', async () => {
        const r = await runCli(['head', 'a', ...d]);
        expect(r.code, r.stderr).to.equal(0);
        expect(parseLines(r.stdout)[0]).to.include({ stream: 'a', revision: 1, type: 'U', data: 3 });
    });
    it('head exits 1 for an unknown stream', async () => {
        const r = await runCli(['head', 'zzz', ...d]);
        expect(r.code).to.equal(1);
        expect(r.stderr).to.include('SLUICE_ERR_STREAM_NOT_FOUND');
    });
});
//# sourceMappingURL=cat.test.js.map
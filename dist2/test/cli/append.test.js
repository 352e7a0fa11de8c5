import { expect } from 'chai';
import { parseLines, runCli, tempDir } from '../helpers/cli-fixture.js';
describe('sluice append', () => {
    let tmp;
    let d;
    beforeEach(() => { tmp = tempDir(); d = ['--data-dir', tmp.data]; });
    afterEach(() => tmp.remove());
    async function records() {
        const r = await runCli(['cat', '--data', tmp.data]);
        expect(r.code, r.stderr).to.equal(0);
        return parseLines(r.stdout);
    }
    it('appends one event from --data and prints its offset', async () => {
        const r = await runCli(['append', 'orders', '--type', 'Placed', '--data', '{"total":3}', ...d]);
        expect(r.code, r.stderr).to.equal(0);
        expect(r.stdout).to.equal('0\n');
        const [rec] = await records();
        expect(rec).to.include({ offset: 0, stream: 'orders', revision: 0, type: 'Placed' });
        expect(rec.data).to.deep.equal({ total: 3 });
    });
    it('stores JSON from stdin as JSON and anything else as bytes, byte-exact', async () => {
        expect((await runCli(['append', 's', '--type', 'J', ...d], { input: '{"a":[1,2]}\n' })).code).to.equal(0);
        const bytes = Buffer.from([0, 1, 2, 255, 10, 13, 0x7b]);
        expect((await runCli(['append', 's', '--type', 'B', ...d], { input: bytes })).code).to.equal(0);
        const [json, bin] = await records();
        expect(json.data).to.deep.equal({ a: [1, 2] });
        expect(bin).to.include({ encoding: 'base64', revision: 1 });
        expect(Buffer.from(bin.data, 'base64').equals(bytes)).to.equal(true);
    });
    it('appends an NDJSON batch atomically and prints every offset', async () => {
        const input = '{"type":"A","data":1}\n{"stream":"other","type":"B","data":2}\n\n{"data":3}\n';
        const r = await runCli(['append', 's', '--batch', '--type', 'C', ...d], { input });
        expect(r.code, r.stderr).to.equal(0);
        const offsets = r.stdout.trim().split('\n').map(Number);
        expect(offsets).to.have.length(3);
        const recs = await records();
        expect(recs.map((x) => x.offset)).to.deep.equal(offsets);
        expect(recs.map((x) => [x.stream, x.revision, x.type])).to.deep.equal([['s', 0, 'A'], ['other', 0, 'B'], ['s', 1, 'C']]);
    });
    it('writes nothing of a batch with a bad line, and names the line', async () => {
        await runCli(['append', 's', '--type', 'T', '--data', '0', ...d]);
        const r = await runCli(['append', 's', '--batch', ...d], { input: '{"type":"A"}\n{"type":"B"\n' });
        expect(r.code).to.equal(1);
        expect(r.stderr).to.include('SLUICE_ERR_CLI_INPUT_INVALID');
        expect(r.stderr).to.include('line 2');
        expect(await records()).to.have.length(1);
    });
    it('honours --expected-revision, writing nothing when it does not hold', async () => {
        expect((await runCli(['append', 's', '--type', 'T', '--data', '1', '--expected-revision', 'no_stream', ...d])).code).to.equal(0);
        const bad = await runCli(['append', 's', '--type', 'T', '--data', '2', '--expected-revision', '5', ...d]);
        expect(bad.code).to.equal(1);
        expect(bad.stderr).to.include('SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION');
        const batch = await runCli(['append', 's', '--batch', '--expected-revision', 'no_stream', ...d], { input: '{"type":"A"}\n{"type":"B"}\n' });
        expect(batch.code).to.equal(1);
        expect((await runCli(['append', 's', '--type', 'T', '--data', '3', '--expected-revision', '0', ...d])).code).to.equal(0);
        expect((await records()).map((x) => x.data)).to.deep.equal([1, 3]);
    });
    it('exits 2 without --type, with a bad stream name it exits 1', async () => {
        const noType = await runCli(['append', 's', '--data', '1', ...d]);
        expect(noType.code).to.equal(2);
        expect(noType.stderr).to.include('--type');
        const badStream = await runCli(['append', 'no spaces', '--type', 'T', '--data', '1', ...d]);
        expect(badStream.code).to.equal(1);
        expect(badStream.stderr).to.include('SLUICE_ERR_STREAM_NAME_INVALID');
    });
    it('exits 2 for --batch --expected-revision without the <stream> it would apply to, appending nothing', async () => {
        const r = await runCli(['append', '--batch', '--expected-revision', '0', ...d], { input: '{"stream":"s","type":"A"}\n' });
        expect(r.code).to.equal(2);
        expect(r.stderr).to.include('<stream>');
        expect((await runCli(['cat', '--data', tmp.data])).stdout).to.equal(''); // no store was even created
    });
    it('exits 2 when --data is not JSON, saying how to store text or bytes', async () => {
        const r = await runCli(['append', 's', '--type', 'T', '--data', 'hello', ...d]);
        expect(r.code).to.equal(2);
        expect(r.stderr).to.include('pipe them on stdin');
    });
});
//# sourceMappingURL=append.test.js.map
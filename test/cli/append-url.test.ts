// `sluice append --batch --url` with lines for several streams: one atomic POST /append through the client.
import { expect } from 'chai';
import { catRecords, runCli, startServerProcess, tempDir, type ServerProcess, type TempDir } from '../helpers/cli-fixture.js';

describe('sluice append --url', () => {
  let tmp: TempDir;
  let server: ServerProcess | undefined;
  afterEach(async () => {
    await server?.stop();
    tmp?.remove();
  });

  context('when a batch names several streams', () => {
    // Pending until the event-store-API branch (POST /append) is merged; the lead enables it after the merge.
    it('appends them all atomically through the server and prints their offsets', async () => {
      tmp = tempDir();
      expect((await runCli(['append', 'seed', '--type', 'T', '--data', '0', '--data-dir', tmp.data])).code).to.equal(0);
      server = await startServerProcess(tmp.data);
      const r = await runCli(['append', '--batch', '--type', 'N', '--url', server.url], { input: '{"stream":"a","data":1}\n{"stream":"b","data":2}\n' });
      expect(r.code, r.stderr).to.equal(0);
      expect(r.stdout.trim().split('\n')).to.have.length(2);
      const recs = await catRecords(['--data', tmp.data]);
      expect(recs.map((x) => [x.stream, x.data])).to.deep.equal([['seed', 0], ['a', 1], ['b', 2]]);
    });
  });
});

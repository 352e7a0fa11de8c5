// The bank's client program (examples/bank/client.ts) against `sluice serve` with the bank's config, both as real
// child processes: it runs to the end, its race yields one withdrawal and one decline after a 409, and what it
// printed agrees with the server's log and views.
import { expect } from 'chai';
import { join } from 'node:path';
import { createClient } from '../../client/index.js';
import type bankPlugin from '../../examples/bank/bank-plugin.js';
import { REPO_ROOT, runProcess, startServe, tempDir, type ServeProcess, type TempDir } from '../helpers/example-kit.js';

describe('examples/bank client program', () => {
  let dir: TempDir;
  let server: ServeProcess;
  beforeEach(async () => {
    dir = tempDir('sluice-bank-client-');
    server = await startServe(join(REPO_ROOT, 'examples', 'bank', 'sluice.config.json'), join(dir.path, 'data'));
  });
  afterEach(async () => {
    const code = await server?.stop();
    dir?.remove();
    expect(code, 'the server shuts down cleanly').to.equal(0);
  });

  context('when run against sluice serve with the bank plugin', () => {
    it('opens, deposits, races two withdrawals through a 409, and its tail and figures match the server', async () => {
      const run = await runProcess(process.execPath, [join(REPO_ROOT, 'dist', 'examples', 'bank', 'client.js'), '--url', server.url, '--run', 'x'], { timeoutMs: 60_000 });
      expect(run.code, run.stderr + run.stdout).to.equal(0);
      expect(run.stdout).to.match(/teller \d: Withdrawn 80\.00, expectedRevision 1 -> 409 SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION, currentRevision 2/);
      expect(run.stdout).to.include('balance alice-x: 20.00 (revision 3)');
      expect(run.stdout).to.include('balance bob-x: 50.00 (revision 1)');

      const client = createClient<typeof bankPlugin>({ url: server.url });
      const alice = await client.stream('alice-x');
      expect(alice.events.map((e) => e.type)).to.deep.equal(['AccountOpened', 'Deposited', 'Withdrawn', 'WithdrawalDeclined']);
      const { state } = await client.views.query('balances', 'get', { key: 'alice-x' }, { after: alice.events.at(-1)!.offset });
      expect(state).to.include({ balance: 2000, revision: 3 });
      const tailed = [...run.stdout.matchAll(/^ {2}tail: (\d+) /gm)].map((m) => Number(m[1]));
      expect(tailed).to.deep.equal((await client.read()).records.map((r) => r.offset));
      expect(run.stdout).to.include(`the tail saw ${tailed.length} records`);
    });
  });
});

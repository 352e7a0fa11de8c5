// `sluice command <name> --params <json>`: the bank's commands run from the CLI, on the store directly and through a
// running server with --url; rejections and bad input exit non-zero and write nothing.
import { expect } from 'chai';
import { join } from 'node:path';
import type { LogRecord } from '../../core/log/event-log.js';
import { openFileLog } from '../../core/log/file-log.js';
import { runCli, tempDir, type TempDir } from '../helpers/cli-fixture.js';
import { REPO_ROOT, startServe } from '../helpers/example-kit.js';

const BANK_CONFIG = join(REPO_ROOT, 'examples', 'bank', 'sluice.config.json');

describe('sluice command', () => {
  let tmp: TempDir;
  beforeEach(() => { tmp = tempDir(); });
  afterEach(() => tmp.remove());

  async function logRecords(): Promise<LogRecord[]> {
    const log = await openFileLog({ dir: join(tmp.data, 'log'), readOnly: true });
    try {
      const records: LogRecord[] = [];
      for await (const record of log.readForward(log.start)) records.push(record);
      return records;
    } finally {
      await log.close();
    }
  }

  const run = (name: string, params: unknown, extra: string[] = []) =>
    runCli(['command', name, '--params', JSON.stringify(params), '--config', BANK_CONFIG, '--data', tmp.data, ...extra]);

  context('when no server holds the store', () => {
    it('runs the bank\'s commands on the store and prints each outcome as JSON', async () => {
      const opened = await run('open', { account: 'alice', owner: 'Alice' });
      expect(opened.code, opened.stderr).to.equal(0);
      expect(JSON.parse(opened.stdout)).to.deep.include({ command: 'open', stream: 'alice', revision: 0, types: ['AccountOpened'], attempts: 1 });
      const declined = await run('withdraw', { account: 'alice', amount: 150 });
      expect(JSON.parse(declined.stdout)).to.deep.include({ revision: 1, types: ['WithdrawalDeclined'] });
      expect((await logRecords()).map((r) => [r.stream, r.type, r.data])).to.deep.equal([
        ['alice', 'AccountOpened', { owner: 'Alice' }], ['alice', 'WithdrawalDeclined', { amount: 150, balance: 0, via: 'withdrawal' }],
      ]);
    });

    it('exits 1 naming SLUICE_ERR_COMMAND_REJECTED for a broken rule and 2 for params that are not JSON, writing nothing', async () => {
      expect((await run('open', { account: 'alice', owner: 'Alice' })).code).to.equal(0);
      const again = await run('open', { account: 'alice', owner: 'Alice' });
      expect(again.code).to.equal(1);
      expect(again.stderr).to.include('SLUICE_ERR_COMMAND_REJECTED');
      const stale = await run('deposit', { account: 'alice', amount: 5 }, ['--expected-revision', '3']);
      expect(stale.code).to.equal(1);
      expect(stale.stderr).to.include('SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION');
      const notJson = await runCli(['command', 'deposit', '--params', '{account', '--config', BANK_CONFIG, '--data', tmp.data]);
      expect(notJson.code).to.equal(2);
      expect(notJson.stderr).to.include('--params must be a JSON object');
      expect(await logRecords()).to.have.length(1);
    });
  });

  context('when a server holds the store', () => {
    it('refuses to open it, offering --url, and runs the command through the server with --url', async () => {
      const server = await startServe(BANK_CONFIG, tmp.data);
      try {
        const busy = await run('open', { account: 'bob', owner: 'Bob' });
        expect(busy.code).to.equal(1);
        expect(busy.stderr).to.include('SLUICE_ERR_CLI_STORE_BUSY');
        const opened = await run('open', { account: 'bob', owner: 'Bob' }, ['--url', server.url]);
        expect(opened.code, opened.stderr).to.equal(0);
        expect(JSON.parse(opened.stdout)).to.deep.include({ command: 'open', stream: 'bob', revision: 0 });
        const rejected = await run('open', { account: 'bob', owner: 'Bob' }, ['--url', server.url]);
        expect(rejected.code).to.equal(1);
        expect(rejected.stderr).to.include('422').and.to.include('SLUICE_ERR_COMMAND_REJECTED');
      } finally {
        expect(await server.stop()).to.equal(0);
      }
      const unreachable = await run('open', { account: 'bob', owner: 'Bob' }, ['--url', server.url]);
      expect(unreachable.stderr).to.include('SLUICE_ERR_CLI_SERVER_UNREACHABLE');
    });
  });
});

// The bank's commands, read as given/when/then: open, deposit, withdraw (never below zero) and close, each against
// a real store; then fifty withdrawals racing for one account's money, embedded and from many HTTP clients.
import { expect } from 'chai';
import { request } from 'node:http';
import bankPlugin from '../../examples/bank/bank-plugin.js';
import { balanceChange } from '../../examples/bank/bank-events.js';
import type { CommandOutcome } from '../../core/commands/command-bus.js';
import type { LogRecord } from '../../core/log/event-log.js';
import { commandSpec } from '../helpers/command-spec.js';
import { openHttpFixture, type HttpFixture } from '../helpers/http-fixture.js';

const opened = (owner: string) => ({ type: 'AccountOpened', data: { owner } });
const deposited = (amount: number) => ({ type: 'Deposited', data: { amount } });
const withdrawn = (amount: number) => ({ type: 'Withdrawn', data: { amount } });
const closed = () => ({ type: 'AccountClosed', data: {} });

describe('examples/bank commands', () => {
  const bank = commandSpec({ plugins: [bankPlugin] });

  context('open', () => {
    it('opens a new account', () => bank.given().when('open', { account: 'alice', owner: 'Alice' }).thenAppends([{ stream: 'alice', ...opened('Alice') }]));
    it('refuses to open an account twice', () => bank.given({ alice: [opened('Alice')] }).when('open', { account: 'alice', owner: 'Eve' }).thenRejects('account-exists'));
  });

  context('deposit', () => {
    it('deposits into an open account', () => bank.given({ alice: [opened('Alice')] }).when('deposit', { account: 'alice', amount: 500 }).thenAppends([deposited(500)]));
    it('refuses an account that does not exist', () => bank.given({ bob: [opened('Bob')] }).when('deposit', { account: 'alice', amount: 500 }).thenRejects('no-such-account'));
    it('refuses a closed account', () => bank.given({ alice: [opened('Alice'), closed()] }).when('deposit', { account: 'alice', amount: 5 }).thenRejects('account-closed'));
    it('refuses an amount that is not a positive integer, writing nothing', async () => {
      for (const amount of [0, -5, 1.5, '5']) {
        await bank.given({ alice: [opened('Alice')] }).when('deposit', { account: 'alice', amount }).thenFails('SLUICE_ERR_COMMAND_PARAMS_INVALID');
      }
    });
  });

  context('withdraw', () => {
    it('withdraws what the balance covers', () => bank.given({ alice: [opened('Alice'), deposited(100)] }).when('withdraw', { account: 'alice', amount: 80 }).thenAppends([withdrawn(80)]));
    it('declines an overdraft, recording the attempt instead of the withdrawal', () => bank.given({ alice: [opened('Alice'), deposited(100), withdrawn(30)] })
      .when('withdraw', { account: 'alice', amount: 80 })
      .thenAppends([{ type: 'WithdrawalDeclined', data: { amount: 80, balance: 70, via: 'withdrawal' } }]));
    it('answers the account\'s new revision and the attempts it took', async () => {
      const outcome = await bank.given({ alice: [opened('Alice'), deposited(100)] }).when('withdraw', { account: 'alice', amount: 100, at: 1_700_000_000_000 }).thenAppends([withdrawn(100)]);
      expect(outcome).to.include({ stream: 'alice', revision: 2, attempts: 1 });
    });
  });

  context('close', () => {
    it('closes an empty account', () => bank.given({ alice: [opened('Alice'), deposited(100), withdrawn(100)] }).when('close', { account: 'alice' }).thenAppends([closed()]));
    it('refuses to close an account holding money', () => bank.given({ alice: [opened('Alice'), deposited(1)] }).when('close', { account: 'alice' }).thenRejects('balance-not-zero'));
  });

  context('when 50 withdrawals race for one account\'s money', () => {
    let fx: HttpFixture;
    beforeEach(async () => {
      fx = await openHttpFixture({ limits: { rateLimitMax: 0, maxEventLoopDelayMs: 0 } }, { plugins: [bankPlugin] });
      await fx.store.commands.execute('open', { account: 'carol', owner: 'Carol' });
      await fx.store.commands.execute('deposit', { account: 'carol', amount: 1_000 });
    });
    afterEach(() => fx.close());

    async function carolsStream(): Promise<LogRecord[]> {
      const records: LogRecord[] = [];
      for await (const record of fx.store.log.readForward(fx.store.log.start)) if (record.stream === 'carol') records.push(record);
      return records;
    }

    /** The rules held: one event per command (none lost, none doubled), never below zero, 10 paid out of 1,000. */
    async function expectRulesHeld(outcomes: readonly CommandOutcome[]): Promise<void> {
      const records = await carolsStream();
      expect(records.map((r) => r.revision)).to.deep.equal(Array.from({ length: 52 }, (_, i) => i));
      const byOffset = new Map(records.map((r) => [r.offset, r]));
      expect(new Set(outcomes.map((o) => o.lastOffset)).size, 'each command has its own event').to.equal(50);
      for (const outcome of outcomes) expect(byOffset.get(outcome.lastOffset!)!.type).to.equal(outcome.types[0]);
      let balance = 0;
      for (const record of records) {
        balance += balanceChange(record);
        expect(balance, `after revision ${record.revision}`).to.be.at.least(0);
      }
      expect(records.filter((r) => r.type === 'Withdrawn')).to.have.length(10);
      expect(records.filter((r) => r.type === 'WithdrawalDeclined')).to.have.length(40);
      await fx.store.views.waitFor('balances', records.at(-1)!.offset, 5_000);
      expect((await fx.store.views.query('balances', 'get', { key: 'carol' }) as { state: { balance: number; revision: number } }).state).to.include({ balance: 0, revision: 51 });
    }

    it('never overdraws and loses no update, embedded', async () => {
      const outcomes = await Promise.all(Array.from({ length: 50 }, () => fx.store.commands.execute('withdraw', { account: 'carol', amount: 100 })));
      expect(outcomes.some((o) => o.attempts > 1), 'commands lost races and decided again').to.equal(true);
      await expectRulesHeld(outcomes);
    });

    it('never overdraws and loses no update, from 50 HTTP clients each on its own connection', async () => {
      const url = new URL('/commands/withdraw', await fx.listen());
      const withdraw = (): Promise<CommandOutcome> => new Promise((resolve, reject) => {
        const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json' } }, (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (c: string) => { body += c; }).on('end', () => {
            if (res.statusCode === 201) resolve(JSON.parse(body) as CommandOutcome);
            else reject(new Error(`${res.statusCode}: ${body}`));
          });
        });
        req.on('error', reject);
        req.end(JSON.stringify({ account: 'carol', amount: 100 }));
      });
      await expectRulesHeld(await Promise.all(Array.from({ length: 50 }, withdraw)));
    });
  });
});

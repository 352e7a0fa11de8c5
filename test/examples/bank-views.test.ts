// The bank's views as specs (sluice/testing): given bank events, each view answers as the bank relies on.
import { expect } from 'chai';
import bankPlugin from '../../examples/bank/bank-plugin.js';
import { balancesView } from '../../examples/bank/balances-view.js';
import { dailyVolumeView } from '../../examples/bank/daily-volume-view.js';
import { statementsView } from '../../examples/bank/statements-view.js';
import type { LogRecord } from '../../store/index.js';
import { viewSpec } from '../../testing/index.js';

const DAY1 = Date.UTC(2026, 0, 5, 10);
const DAY2 = Date.UTC(2026, 0, 6, 9);

const opened = [
  { stream: 'acct-1', type: 'AccountOpened', data: { owner: 'ada' }, ts: DAY1 },
  { stream: 'acct-2', type: 'AccountOpened', data: { owner: 'bob' }, ts: DAY1 },
];

describe('examples/bank views (specs)', () => {
  describe('balances', () => {
    const spec = viewSpec(balancesView(1)).given(opened);

    it('folds deposits, withdrawals and transfers into the balance and the stream revision', () =>
      spec.given([
        { stream: 'acct-1', type: 'Deposited', data: { amount: 100 }, ts: DAY1 },
        { stream: 'acct-1', type: 'Withdrawn', data: { amount: 30 }, ts: DAY1 },
        { stream: 'acct-1', type: 'TransferSent', data: { amount: 20, to: 'acct-2', transferId: 't1' }, ts: DAY2 },
        { stream: 'acct-2', type: 'TransferReceived', data: { amount: 20, from: 'acct-1', transferId: 't1' }, ts: DAY2 },
      ]).when('get', { key: 'acct-1' })
        .then({ key: 'acct-1', state: { owner: 'ada', status: 'open', balance: 50, revision: 3, openedAt: DAY1, updatedAt: DAY2 } }));

    it('has no row for a stream that never opened an account', () =>
      spec.given({ stream: 'stray', type: 'Deposited', data: { amount: 5 } }).when('get', { key: 'stray' }).thenThrows('SLUICE_ERR_VIEW_KEY_NOT_FOUND'));

    it('counts declined withdrawals from version 2 on', () =>
      viewSpec(balancesView(2)).given(opened)
        .given({ stream: 'acct-2', type: 'WithdrawalDeclined', data: { amount: 10, balance: 0, via: 'withdrawal' }, ts: DAY1 })
        .when('get', { key: 'acct-2' })
        .then((answer: { state: { overdraftAttempts: number } }) => expect(answer.state.overdraftAttempts).to.equal(1)));
  });

  describe('statements', () => {
    it('lists an account\'s money movements only, newest first with reverse', () =>
      viewSpec(statementsView()).given(opened).given([
        { stream: 'acct-1', type: 'Deposited', data: { amount: 100 } },
        { stream: 'acct-1', type: 'Withdrawn', data: { amount: 40 } },
      ]).when('records', { account: 'acct-1', reverse: true })
        .then((page: { records: LogRecord[] }) => expect(page.records.map((r) => r.type)).to.deep.equal(['Withdrawn', 'Deposited'])));
  });

  describe('daily-volume', () => {
    it('totals each UTC day', () =>
      viewSpec(dailyVolumeView()).given(opened).given([
        { stream: 'acct-1', type: 'Deposited', data: { amount: 100 }, ts: DAY1 },
        { stream: 'acct-1', type: 'Withdrawn', data: { amount: 30 }, ts: DAY2 },
      ]).when('get').then({
        state: {
          '2026-01-05': { deposited: 100, withdrawn: 0, transferred: 0, declined: 0, events: 3 },
          '2026-01-06': { deposited: 0, withdrawn: 30, transferred: 0, declined: 0, events: 1 },
        },
      }));
  });

  describe('the whole plugin', () => {
    it('answers any of its views by name', () =>
      viewSpec(bankPlugin).given(opened).when('balances/list', {})
        .then((page: { entries: Array<{ key: string }> }) => expect(page.entries.map((e) => e.key)).to.deep.equal(['acct-1', 'acct-2'])));
  });
});

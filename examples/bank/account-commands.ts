// The bank's commands on one account: open, deposit, withdraw and close, declared as a plugin declares them and
// served as POST /commands/<name>, `sluice command <name>`, and `store.commands.execute(name, params)`.
// Each decides from the account's state (the `balances` row, read at the stream's revision) which event to append;
// Sluice appends it with that revision as expectedRevision and decides again if another command got there first,
// so two withdrawals racing for the same money can never both be appended.
// Breaking a rule is a CommandRejectedError (422, nothing written); a withdrawal the balance does not cover is a
// fact the bank keeps: it appends WithdrawalDeclined instead of Withdrawn, so no account ever goes below zero.
import { CommandRejectedError, defineCommands, type NewEvent } from '../../store/index.js'; // in your project: from 'sluice'
import { accountState, type AccountState, type BalancesVersion } from './balances-view.js';
import type { BankEventData, BankEventType } from './bank-events.js';

export type Rejection = 'no-such-account' | 'account-closed' | 'account-exists' | 'balance-not-zero' | 'same-account';

const ACCOUNT = { type: 'string', minLength: 1, maxLength: 200, pattern: '^[A-Za-z0-9._:@-]+$', description: 'the account id (its stream)' };
const AMOUNT = { type: 'integer', minimum: 1, maximum: 100_000_000_000, description: 'cents' };
const AT = { type: 'integer', minimum: 0, description: 'when it happened, ms since the epoch (default: now)' };

function schema(properties: Record<string, unknown>, required: string[]): Record<string, unknown> {
  return { type: 'object', additionalProperties: false, required: ['account', ...required], properties: { account: ACCOUNT, at: AT, ...properties } };
}

function event<T extends BankEventType>(type: T, data: BankEventData[T], at: number | undefined): NewEvent {
  return at === undefined ? { type, data } : { type, data, ts: at };
}

function reject(rejection: Rejection, reason: string): never {
  throw new CommandRejectedError(rejection, reason);
}

/** The account, open; a rejection otherwise. */
function openAccount(state: AccountState | null, account: string): AccountState {
  if (state === null) reject('no-such-account', `there is no account ${account}`);
  if (state.status === 'closed') reject('account-closed', `account ${account} is closed`);
  return state;
}

interface Params { readonly account: string; readonly at?: number }
interface MoneyParams extends Params { readonly amount: number }

/** The commands over the balances view's state at `version` (the view and the commands must share one state). */
export function accountCommands(version: BalancesVersion = 1) {
  return defineCommands(accountState(version), {
    open: {
      description: 'Open an account (once)',
      params: schema({ owner: { type: 'string', minLength: 1, maxLength: 200 } }, ['owner']),
      stream: (p: Params) => p.account,
      decide: (state, p: Params & { owner: string }) => {
        if (state !== null) reject('account-exists', `account ${p.account} already exists`);
        return event('AccountOpened', { owner: p.owner }, p.at);
      },
    },
    deposit: {
      description: 'Deposit cents into an open account',
      params: schema({ amount: AMOUNT }, ['amount']),
      stream: (p: Params) => p.account,
      decide: (state, p: MoneyParams) => {
        openAccount(state, p.account);
        return event('Deposited', { amount: p.amount }, p.at);
      },
      // A hot account under many tellers sees long runs of conflicts; each costs one attempt.
      maxAttempts: 100,
    },
    withdraw: {
      description: 'Withdraw cents; a withdrawal the balance does not cover appends WithdrawalDeclined instead (no overdraft)',
      params: schema({ amount: AMOUNT }, ['amount']),
      stream: (p: Params) => p.account,
      decide: (state, p: MoneyParams) => {
        const account = openAccount(state, p.account);
        if (account.balance < p.amount) return event('WithdrawalDeclined', { amount: p.amount, balance: account.balance, via: 'withdrawal' }, p.at);
        return event('Withdrawn', { amount: p.amount }, p.at);
      },
      maxAttempts: 100,
    },
    close: {
      description: 'Close an account whose balance is zero',
      params: schema({}, []),
      stream: (p: Params) => p.account,
      decide: (state, p: Params) => {
        const account = openAccount(state, p.account);
        if (account.balance !== 0) reject('balance-not-zero', `account ${p.account} still holds ${account.balance} cents`);
        return event('AccountClosed', {}, p.at);
      },
    },
  });
}

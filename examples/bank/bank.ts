// The bank's operations over a Sluice store. Open, deposit, withdraw and close run the bank plugin's commands
// (account-commands.ts) through `store.commands`: Sluice reads the account's state, the command decides, Sluice
// appends with the revision it read and decides again if another command changed the account first.
// A transfer touches two accounts, so it runs the same loop by hand: read both accounts from the `balances` view
// (balance and stream revision from one row), decide, and append both events atomically with both revisions.
import { CommandRejectedError, isSluiceError, type CommandOutcome, type LogRecord, type NewEvent, type Store, type StreamWrite } from '../../store/index.js'; // in your project: from 'sluice'
import type { Rejection } from './account-commands.js';
import type { AccountState } from './balances-view.js';
import type { DailyVolume } from './daily-volume-view.js';
import { bankEvent, MOVEMENT_SIGN, type BankEventData, type BankEventType, type MovementType } from './bank-events.js';

export type { Rejection };

export type CommandResult =
  /** Appended; `offset` is the last record written (pass it as `after=` to read your write). */
  | { readonly status: 'done'; readonly offset: number; readonly attempts: number }
  /** Not enough money: a WithdrawalDeclined was appended instead. */
  | { readonly status: 'declined'; readonly offset: number; readonly attempts: number }
  /** Refused by a rule; nothing was appended. */
  | { readonly status: 'rejected'; readonly reason: Rejection; readonly attempts: number };

export interface StatementLine {
  readonly offset: number;
  readonly ts: number;
  readonly type: MovementType;
  /** Signed cents: positive money in, negative money out. */
  readonly amount: number;
  /** The other account of a transfer. */
  readonly counterparty?: string;
}

export interface BankOptions {
  /** Most tries of one command; each conflict costs one (default 100: hot accounts under many tellers see long runs). */
  readonly maxAttempts?: number;
  /** How long a read waits for the views to catch up, in ms (default 5000). */
  readonly waitMs?: number;
}

type Decision =
  | { readonly status: 'done' | 'declined'; readonly writes: StreamWrite[] }
  | { readonly status: 'rejected'; readonly reason: Rejection };

function event<T extends BankEventType>(type: T, data: BankEventData[T], at: number | undefined): NewEvent {
  return at === undefined ? { type, data } : { type, data, ts: at };
}

function checkAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`amounts are positive integer cents (got ${amount})`);
}

/** The usable state of an account, or why there is none. */
function openAccount(account: AccountState | undefined): AccountState | Rejection {
  if (account === undefined) return 'no-such-account';
  return account.status === 'closed' ? 'account-closed' : account;
}

/** The offset of the newest record in the log, -1 when it is empty. */
export async function lastRecordOffset(store: Store): Promise<number> {
  for await (const record of store.log.readBackward({ limit: 1 })) return record.offset;
  return -1;
}

export function statementLine(record: LogRecord): StatementLine | undefined {
  const e = bankEvent(record);
  if (e === undefined || !(e.type in MOVEMENT_SIGN)) return undefined;
  const type = e.type as MovementType;
  const amount = MOVEMENT_SIGN[type] * (e.data as { amount: number }).amount;
  const counterparty = e.type === 'TransferSent' ? e.data.to : e.type === 'TransferReceived' ? e.data.from : undefined;
  return { offset: record.offset, ts: record.ts, type, amount, ...(counterparty === undefined ? {} : { counterparty }) };
}

export class Bank {
  /** Appends refused because another command changed an account first (each was retried). */
  conflicts = 0;
  private readonly maxAttempts: number;
  private readonly waitMs: number;

  /** `seen`: the newest record this bank knows of; reads wait until the views have applied it (read-your-writes). */
  private constructor(readonly store: Store, private seen: number, options: BankOptions) {
    this.maxAttempts = options.maxAttempts ?? 100;
    this.waitMs = options.waitMs ?? 5_000;
  }

  /** A bank over `store`, whose views must include the bank plugin's. Its first reads see the whole log. */
  static async open(store: Store, options: BankOptions = {}): Promise<Bank> {
    return new Bank(store, await lastRecordOffset(store), options);
  }

  openAccount(id: string, owner: string, at?: number): Promise<CommandResult> {
    return this.command('open', { account: id, owner, at });
  }

  deposit(id: string, amount: number, at?: number): Promise<CommandResult> {
    return this.command('deposit', { account: id, amount, at });
  }

  /** Withdraws, or records a WithdrawalDeclined when the balance does not cover `amount` (status `declined`). */
  withdraw(id: string, amount: number, at?: number): Promise<CommandResult> {
    return this.command('withdraw', { account: id, amount, at });
  }

  /** Moves money between two accounts: both events are appended atomically, each guarded by its account's revision. */
  transfer(from: string, to: string, amount: number, at?: number): Promise<CommandResult> {
    checkAmount(amount);
    return this.execute([from, to], ([foundFrom, foundTo]) => {
      if (from === to) return { status: 'rejected', reason: 'same-account' };
      const payer = openAccount(foundFrom);
      if (typeof payer === 'string') return { status: 'rejected', reason: payer };
      const payee = openAccount(foundTo);
      if (typeof payee === 'string') return { status: 'rejected', reason: payee };
      if (payer.balance < amount) {
        return { status: 'declined', writes: [{ stream: from, events: [event('WithdrawalDeclined', { amount, balance: payer.balance, via: 'transfer' }, at)], expectedRevision: payer.revision }] };
      }
      // The payer's next revision is unique to this transfer.
      const transferId = `${from}#${payer.revision + 1}`;
      return {
        status: 'done',
        writes: [
          { stream: from, events: [event('TransferSent', { amount, to, transferId }, at)], expectedRevision: payer.revision },
          { stream: to, events: [event('TransferReceived', { amount, from, transferId }, at)], expectedRevision: payee.revision },
        ],
      };
    });
  }

  closeAccount(id: string, at?: number): Promise<CommandResult> {
    return this.command('close', { account: id, at });
  }

  /** The account as the `balances` view has it, once the view has applied everything this bank has seen. */
  async account(id: string): Promise<AccountState | undefined> {
    if (this.seen < 0) return undefined; // nothing in the log yet, so no accounts
    await this.caughtUp('balances');
    try {
      return ((await this.store.views.query('balances', 'get', { key: id })) as { state: AccountState }).state;
    } catch (err) {
      if (isSluiceError(err, 'VIEW_KEY_NOT_FOUND')) return undefined;
      throw err;
    }
  }

  /** One page of an account's statement, newest first; pass `cursor` back for the next page (null at the end). */
  async statement(id: string, page: { limit?: number; cursor?: string } = {}): Promise<{ lines: StatementLine[]; cursor: string | null }> {
    if (this.seen < 0) return { lines: [], cursor: null };
    await this.caughtUp('statements');
    const params = { account: id, reverse: true, limit: page.limit ?? 20, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) };
    const { records, cursor } = (await this.store.views.query('statements', 'records', params)) as { records: LogRecord[]; cursor: string | null };
    return { lines: records.map(statementLine).filter((l): l is StatementLine => l !== undefined), cursor };
  }

  async dailyVolume(): Promise<DailyVolume> {
    if (this.seen < 0) return {};
    await this.caughtUp('daily-volume');
    return ((await this.store.views.query('daily-volume', 'get', {})) as { state: DailyVolume }).state;
  }

  private async caughtUp(view: string): Promise<void> {
    if (this.seen >= 0) await this.store.views.waitFor(view, this.seen, this.waitMs);
  }

  /** Runs one of the bank plugin's commands; a rule it breaks comes back as `rejected`, with nothing written. */
  private async command(name: string, params: Record<string, unknown>): Promise<CommandResult> {
    let outcome: CommandOutcome;
    try {
      outcome = await this.store.commands.execute(name, Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined)));
    } catch (err) {
      if (err instanceof CommandRejectedError) return { status: 'rejected', reason: err.rejection as Rejection, attempts: 1 };
      throw err;
    }
    this.conflicts += outcome.attempts - 1;
    this.seen = Math.max(this.seen, outcome.lastOffset!);
    const status = outcome.types[0] === 'WithdrawalDeclined' ? 'declined' : 'done';
    return { status, offset: outcome.lastOffset!, attempts: outcome.attempts };
  }

  private async execute(ids: readonly string[], decide: (accounts: Array<AccountState | undefined>) => Decision): Promise<CommandResult> {
    for (let attempt = 1; ; attempt++) {
      const accounts = await Promise.all(ids.map((id) => this.account(id)));
      const decision = decide(accounts);
      if (decision.status === 'rejected') return { ...decision, attempts: attempt };
      try {
        const { lastOffset } = await this.store.appendBatch(decision.writes);
        this.seen = Math.max(this.seen, lastOffset);
        return { status: decision.status, offset: lastOffset, attempts: attempt };
      } catch (err) {
        if (!isSluiceError(err, 'STREAM_WRONG_EXPECTED_REVISION') || attempt >= this.maxAttempts) throw err;
        this.conflicts++;
        // Another writer got there first: decide again once the views have applied what is in the log now.
        this.seen = Math.max(this.seen, await lastRecordOffset(this.store));
      }
    }
  }
}

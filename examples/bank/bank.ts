// The bank's rules over a Sluice store: an account opens once, takes no money once closed, and never goes below zero.
// Every command reads the accounts it touches from the `balances` view (balance and stream revision from one row),
// decides, and appends with `expectedRevision` set to that revision. If another command wrote to the account in
// between, the log refuses the append (nothing is written) and the command runs again on fresh state: two
// concurrent withdrawals can both read 100 and ask for 80, but only one of them is appended.
import { isSluiceError, type LogRecord, type NewEvent, type Store, type StreamWrite } from '../../store/index.js'; // in your project: from 'sluice'
import type { AccountState } from './balances-view.js';
import type { DailyVolume } from './daily-volume-view.js';
import { bankEvent, MOVEMENT_SIGN, type BankEventData, type BankEventType, type MovementType } from './bank-events.js';

export type Rejection = 'no-such-account' | 'account-closed' | 'account-exists' | 'balance-not-zero' | 'same-account';

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
    return this.execute([id], ([account]) => account !== undefined
      ? { status: 'rejected', reason: 'account-exists' }
      : { status: 'done', writes: [{ stream: id, events: [event('AccountOpened', { owner }, at)], expectedRevision: 'no_stream' }] });
  }

  deposit(id: string, amount: number, at?: number): Promise<CommandResult> {
    checkAmount(amount);
    return this.execute([id], ([found]) => {
      const account = openAccount(found);
      if (typeof account === 'string') return { status: 'rejected', reason: account };
      return { status: 'done', writes: [{ stream: id, events: [event('Deposited', { amount }, at)], expectedRevision: account.revision }] };
    });
  }

  withdraw(id: string, amount: number, at?: number): Promise<CommandResult> {
    checkAmount(amount);
    return this.execute([id], ([found]) => {
      const account = openAccount(found);
      if (typeof account === 'string') return { status: 'rejected', reason: account };
      const expectedRevision = account.revision;
      if (account.balance < amount) {
        return { status: 'declined', writes: [{ stream: id, events: [event('WithdrawalDeclined', { amount, balance: account.balance, via: 'withdrawal' }, at)], expectedRevision }] };
      }
      return { status: 'done', writes: [{ stream: id, events: [event('Withdrawn', { amount }, at)], expectedRevision }] };
    });
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
    return this.execute([id], ([found]) => {
      const account = openAccount(found);
      if (typeof account === 'string') return { status: 'rejected', reason: account };
      if (account.balance !== 0) return { status: 'rejected', reason: 'balance-not-zero' };
      return { status: 'done', writes: [{ stream: id, events: [event('AccountClosed', {}, at)], expectedRevision: account.revision }] };
    });
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

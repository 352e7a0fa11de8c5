import { type LogRecord, type Store } from '../../store/index.js';
import type { AccountState } from './balances-view.js';
import type { DailyVolume } from './daily-volume-view.js';
import { type MovementType } from './bank-events.js';
export type Rejection = 'no-such-account' | 'account-closed' | 'account-exists' | 'balance-not-zero' | 'same-account';
export type CommandResult = 
/** Appended; `offset` is the last record written (pass it as `after=` to read your write). */
{
    readonly status: 'done';
    readonly offset: number;
    readonly attempts: number;
}
/** Not enough money: a WithdrawalDeclined was appended instead. */
 | {
    readonly status: 'declined';
    readonly offset: number;
    readonly attempts: number;
}
/** Refused by a rule; nothing was appended. */
 | {
    readonly status: 'rejected';
    readonly reason: Rejection;
    readonly attempts: number;
};
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
/** The offset of the newest record in the log, -1 when it is empty. */
export declare function lastRecordOffset(store: Store): Promise<number>;
export declare function statementLine(record: LogRecord): StatementLine | undefined;
export declare class Bank {
    readonly store: Store;
    private seen;
    /** Appends refused because another command changed an account first (each was retried). */
    conflicts: number;
    private readonly maxAttempts;
    private readonly waitMs;
    /** `seen`: the newest record this bank knows of; reads wait until the views have applied it (read-your-writes). */
    private constructor();
    /** A bank over `store`, whose views must include the bank plugin's. Its first reads see the whole log. */
    static open(store: Store, options?: BankOptions): Promise<Bank>;
    openAccount(id: string, owner: string, at?: number): Promise<CommandResult>;
    deposit(id: string, amount: number, at?: number): Promise<CommandResult>;
    withdraw(id: string, amount: number, at?: number): Promise<CommandResult>;
    /** Moves money between two accounts: both events are appended atomically, each guarded by its account's revision. */
    transfer(from: string, to: string, amount: number, at?: number): Promise<CommandResult>;
    closeAccount(id: string, at?: number): Promise<CommandResult>;
    /** The account as the `balances` view has it, once the view has applied everything this bank has seen. */
    account(id: string): Promise<AccountState | undefined>;
    /** One page of an account's statement, newest first; pass `cursor` back for the next page (null at the end). */
    statement(id: string, page?: {
        limit?: number;
        cursor?: string;
    }): Promise<{
        lines: StatementLine[];
        cursor: string | null;
    }>;
    dailyVolume(): Promise<DailyVolume>;
    private caughtUp;
    private execute;
}

import type { LogRecord } from '../../store/index.js';
export interface AccountOpened {
    readonly owner: string;
}
export interface Deposited {
    readonly amount: number;
}
export interface Withdrawn {
    readonly amount: number;
}
export interface TransferSent {
    readonly amount: number;
    readonly to: string;
    readonly transferId: string;
}
export interface TransferReceived {
    readonly amount: number;
    readonly from: string;
    readonly transferId: string;
}
/** A withdrawal or transfer refused for lack of funds: a fact worth keeping (balances v2 counts them). */
export interface WithdrawalDeclined {
    readonly amount: number;
    readonly balance: number;
    readonly via: 'withdrawal' | 'transfer';
}
export type AccountClosed = Record<string, never>;
export interface BankEventData {
    AccountOpened: AccountOpened;
    Deposited: Deposited;
    Withdrawn: Withdrawn;
    TransferSent: TransferSent;
    TransferReceived: TransferReceived;
    WithdrawalDeclined: WithdrawalDeclined;
    AccountClosed: AccountClosed;
}
export type BankEventType = keyof BankEventData;
/** A bank event as it appears in the log. */
export type BankEvent = {
    [T in BankEventType]: {
        readonly type: T;
        readonly data: BankEventData[T];
    };
}[BankEventType];
/** The events that move money, with the sign they have on the account's balance. */
export declare const MOVEMENT_SIGN: {
    readonly Deposited: 1;
    readonly Withdrawn: -1;
    readonly TransferSent: -1;
    readonly TransferReceived: 1;
};
export type MovementType = keyof typeof MOVEMENT_SIGN;
/** The record as a bank event when it is a well-formed one; undefined for anything else in the log. */
export declare function bankEvent(record: Pick<LogRecord, 'type' | 'data'>): BankEvent | undefined;
/** The signed change a record makes to its account's balance (0 for events that move no money). */
export declare function balanceChange(record: Pick<LogRecord, 'type' | 'data'>): number;
/** Cents as a decimal string: 12345 -> "123.45", -5 -> "-0.05". */
export declare function formatCents(cents: number): string;

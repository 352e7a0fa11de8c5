// The bank's events: one stream per account (the stream name is the account id), amounts in integer cents.
// A transfer is two events appended atomically: TransferSent on the payer's stream, TransferReceived on the payee's.
// Views read events through the guards below, so a foreign or malformed event is skipped, never a view failure.
import type { LogRecord } from '../../store/index.js'; // in your project: from 'sluice'

export interface AccountOpened { readonly owner: string }
export interface Deposited { readonly amount: number }
export interface Withdrawn { readonly amount: number }
export interface TransferSent { readonly amount: number; readonly to: string; readonly transferId: string }
export interface TransferReceived { readonly amount: number; readonly from: string; readonly transferId: string }
/** A withdrawal or transfer refused for lack of funds: a fact worth keeping (balances v2 counts them). */
export interface WithdrawalDeclined { readonly amount: number; readonly balance: number; readonly via: 'withdrawal' | 'transfer' }
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
export type BankEvent = { [T in BankEventType]: { readonly type: T; readonly data: BankEventData[T] } }[BankEventType];

/** The events that move money, with the sign they have on the account's balance. */
export const MOVEMENT_SIGN = { Deposited: 1, Withdrawn: -1, TransferSent: -1, TransferReceived: 1 } as const;

export type MovementType = keyof typeof MOVEMENT_SIGN;

function isAmount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) > 0;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The record as a bank event when it is a well-formed one; undefined for anything else in the log. */
export function bankEvent(record: Pick<LogRecord, 'type' | 'data'>): BankEvent | undefined {
  const { type, data } = record;
  if (!isObject(data)) return type === 'AccountClosed' ? { type, data: {} } : undefined;
  switch (type) {
    case 'AccountOpened':
      return typeof data.owner === 'string' ? { type, data: { owner: data.owner } } : undefined;
    case 'Deposited':
    case 'Withdrawn':
      return isAmount(data.amount) ? { type, data: { amount: data.amount } } : undefined;
    case 'TransferSent':
      return isAmount(data.amount) && typeof data.to === 'string' && typeof data.transferId === 'string'
        ? { type, data: { amount: data.amount, to: data.to, transferId: data.transferId } } : undefined;
    case 'TransferReceived':
      return isAmount(data.amount) && typeof data.from === 'string' && typeof data.transferId === 'string'
        ? { type, data: { amount: data.amount, from: data.from, transferId: data.transferId } } : undefined;
    case 'WithdrawalDeclined':
      return isAmount(data.amount) && Number.isSafeInteger(data.balance) && (data.via === 'withdrawal' || data.via === 'transfer')
        ? { type, data: { amount: data.amount, balance: data.balance as number, via: data.via } } : undefined;
    case 'AccountClosed':
      return { type, data: {} };
    default:
      return undefined;
  }
}

/** The signed change a record makes to its account's balance (0 for events that move no money). */
export function balanceChange(record: Pick<LogRecord, 'type' | 'data'>): number {
  const event = bankEvent(record);
  if (event === undefined || !(event.type in MOVEMENT_SIGN)) return 0;
  return MOVEMENT_SIGN[event.type as MovementType] * (event.data as { amount: number }).amount;
}

/** Cents as a decimal string: 12345 -> "123.45", -5 -> "-0.05". */
export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

import type { Bank } from './bank.js';
export interface DayOptions {
    /** Accounts opened in the morning (default 40). */
    readonly accounts?: number;
    /** Operations during the day (default 3000); a transfer or a rush is one operation. */
    readonly operations?: number;
    /** Tellers working at once (default 8). */
    readonly tellers?: number;
    readonly seed?: number;
    /** The day the events are stamped with, `YYYY-MM-DD` (default 2025-03-14). */
    readonly day?: string;
}
export interface DayReport {
    readonly day: string;
    readonly accounts: readonly string[];
    /** Commands run, by outcome. */
    readonly done: number;
    readonly declined: number;
    readonly rejected: number;
    /** Events appended (a transfer appends two). */
    readonly events: number;
    /** Appends refused by expectedRevision and retried on fresh state. */
    readonly conflicts: number;
    readonly ms: number;
}
export declare function accountIds(count: number): string[];
export declare function runScriptedDay(bank: Bank, options?: DayOptions): Promise<DayReport>;

// `daily-volume`: a reducer view, the bank's totals (cents) per UTC day of the event's timestamp.
// Transfers count once, on the sending side. GET /views/daily-volume/get -> { state: { "2025-03-14": {...} } }
import { reducerView } from '../../store/index.js'; // in your project: from 'sluice'
import { bankEvent } from './bank-events.js';

export interface DayTotals {
  readonly deposited: number;
  readonly withdrawn: number;
  readonly transferred: number;
  /** Withdrawals and transfers declined for lack of funds (count). */
  readonly declined: number;
  /** Bank events of the day (count). */
  readonly events: number;
}

export type DailyVolume = Readonly<Record<string, DayTotals>>;

const EMPTY: DayTotals = { deposited: 0, withdrawn: 0, transferred: 0, declined: 0, events: 0 };

/** The UTC day of a timestamp, `YYYY-MM-DD`. */
export function dayOf(ts: number): string {
  return new Date(ts).toISOString().slice(0, 10);
}

export function dailyVolumeView() {
  return reducerView({
    name: 'daily-volume',
    version: 1,
    description: 'Deposits, withdrawals, transfers (cents) and declines per UTC day',
    initial: {} as DailyVolume,
    reduce(volume, record) {
      const event = bankEvent(record);
      if (event === undefined) return volume;
      const day = dayOf(record.ts);
      const totals = volume[day] ?? EMPTY;
      const amount = 'amount' in event.data ? event.data.amount : 0;
      const next: DayTotals = {
        deposited: totals.deposited + (event.type === 'Deposited' ? amount : 0),
        withdrawn: totals.withdrawn + (event.type === 'Withdrawn' ? amount : 0),
        transferred: totals.transferred + (event.type === 'TransferSent' ? amount : 0),
        declined: totals.declined + (event.type === 'WithdrawalDeclined' ? 1 : 0),
        events: totals.events + 1,
      };
      return { ...volume, [day]: next };
    },
  });
}

// `daily-volume`: a reducer view, the bank's totals (cents) per UTC day of the event's timestamp.
// Transfers count once, on the sending side. GET /views/daily-volume/get -> { state: { "2025-03-14": {...} } }
import { reducerView } from '../../store/index.js'; // in your project: from 'sluice'
import { bankEvent } from './bank-events.js';
const EMPTY = { deposited: 0, withdrawn: 0, transferred: 0, declined: 0, events: 0 };
/** The UTC day of a timestamp, `YYYY-MM-DD`. */
export function dayOf(ts) {
    return new Date(ts).toISOString().slice(0, 10);
}
export function dailyVolumeView() {
    return reducerView({
        name: 'daily-volume',
        version: 1,
        description: 'Deposits, withdrawals, transfers (cents) and declines per UTC day',
        initial: {},
        reduce(volume, record) {
            const event = bankEvent(record);
            if (event === undefined)
                return volume;
            const day = dayOf(record.ts);
            const totals = volume[day] ?? EMPTY;
            const amount = 'amount' in event.data ? event.data.amount : 0;
            const next = {
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
//# sourceMappingURL=daily-volume-view.js.map
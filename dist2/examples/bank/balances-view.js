// `balances`: a keyed state view, one row per account: owner, status, balance (cents) and the account stream's
// revision. The revision is what makes the bank's optimistic concurrency work: a command reads balance and revision
// from the same row and appends with `expectedRevision`, so a decision made on a stale balance is refused.
// Version 2 also counts overdraft attempts (WithdrawalDeclined events); bumping the version rebuilds the view.
import { keyedStateView } from '../../store/index.js'; // in your project: from 'sluice'
import { bankEvent, MOVEMENT_SIGN } from './bank-events.js';
function evolve(version) {
    return (state, record) => {
        const event = bankEvent(record);
        if (state === null) {
            // Only an AccountOpened makes a stream an account; any other stream gets no row.
            if (event?.type !== 'AccountOpened')
                return undefined;
            return {
                owner: event.data.owner, status: 'open', balance: 0, revision: record.revision, openedAt: record.ts, updatedAt: record.ts,
                ...(version >= 2 ? { overdraftAttempts: 0 } : {}),
            };
        }
        // Every record of the stream moves the revision, bank event or not, so expectedRevision stays exact.
        const next = { ...state, revision: record.revision, updatedAt: record.ts };
        if (event === undefined)
            return next;
        if (event.type in MOVEMENT_SIGN) {
            return { ...next, balance: state.balance + MOVEMENT_SIGN[event.type] * event.data.amount };
        }
        if (event.type === 'AccountClosed')
            return { ...next, status: 'closed' };
        if (event.type === 'WithdrawalDeclined' && version >= 2)
            return { ...next, overdraftAttempts: (state.overdraftAttempts ?? 0) + 1 };
        return next;
    };
}
/** The balances view at `version` (1, or 2 with overdraft attempt counts). */
export function balancesView(version = 1) {
    return keyedStateView({
        name: 'balances',
        version,
        description: version >= 2
            ? 'Per account: owner, status, balance in cents, stream revision and overdraft attempts'
            : 'Per account: owner, status, balance in cents and stream revision',
        key: (record) => record.stream,
        initial: null,
        evolve: evolve(version),
    });
}
//# sourceMappingURL=balances-view.js.map
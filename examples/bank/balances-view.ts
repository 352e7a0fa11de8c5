// `balances`: a keyed state view, one row per account: owner, status, balance (cents) and the account stream's
// revision. The revision is what makes the bank's optimistic concurrency work: a command reads balance and revision
// from the same row and appends with `expectedRevision`, so a decision made on a stale balance is refused.
// Version 2 also counts overdraft attempts (WithdrawalDeclined events); bumping the version rebuilds the view.
// The view is keyed by stream and shares its state definition (`accountState`) with the bank's commands, so a
// command reads an account's state from this view (one row) instead of replaying the account's stream.
import { keyedStateView, type LogRecord, type StateDefinition, type ViewDefinition } from '../../store/index.js'; // in your project: from 'sluice'
import { bankEvent, MOVEMENT_SIGN, type MovementType } from './bank-events.js';

export interface AccountState {
  readonly owner: string;
  readonly status: 'open' | 'closed';
  /** Cents; never negative when every write goes through the bank's rules. */
  readonly balance: number;
  /** The account stream's last revision: pass it as `expectedRevision` when appending a decision made on this state. */
  readonly revision: number;
  readonly openedAt: number;
  readonly updatedAt: number;
  /** Version 2 only: withdrawals and transfers declined for lack of funds. */
  readonly overdraftAttempts?: number;
}

export type BalancesVersion = 1 | 2;

function evolveAt(version: BalancesVersion) {
  return (state: AccountState | null, record: LogRecord): AccountState | undefined => {
    const event = bankEvent(record);
    if (state === null) {
      // Only an AccountOpened makes a stream an account; any other stream gets no row.
      if (event?.type !== 'AccountOpened') return undefined;
      return {
        owner: event.data.owner, status: 'open', balance: 0, revision: record.revision, openedAt: record.ts, updatedAt: record.ts,
        ...(version >= 2 ? { overdraftAttempts: 0 } : {}),
      };
    }
    // Every record of the stream moves the revision, bank event or not, so expectedRevision stays exact.
    const next = { ...state, revision: record.revision, updatedAt: record.ts };
    if (event === undefined) return next;
    if (event.type in MOVEMENT_SIGN) {
      return { ...next, balance: state.balance + MOVEMENT_SIGN[event.type as MovementType] * (event.data as { amount: number }).amount };
    }
    if (event.type === 'AccountClosed') return { ...next, status: 'closed' };
    if (event.type === 'WithdrawalDeclined' && version >= 2) return { ...next, overdraftAttempts: (state.overdraftAttempts ?? 0) + 1 };
    return next;
  };
}

/** An account's state: null until its AccountOpened. One object per version, shared by the view and the commands. */
const STATES: Record<BalancesVersion, StateDefinition<AccountState | null>> = {
  1: { initial: null, evolve: evolveAt(1) },
  2: { initial: null, evolve: evolveAt(2) },
};

export function accountState(version: BalancesVersion = 1): StateDefinition<AccountState | null> {
  return STATES[version];
}

/** The balances view at `version` (1, or 2 with overdraft attempt counts). */
export function balancesView(version: BalancesVersion = 1) {
  return keyedStateView({
    name: 'balances',
    version,
    description: version >= 2
      ? 'Per account: owner, status, balance in cents, stream revision and overdraft attempts'
      : 'Per account: owner, status, balance in cents and stream revision',
    key: 'stream',
    ...accountState(version),
  });
}

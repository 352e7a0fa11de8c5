import { type ViewDefinition } from '../../store/index.js';
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
/** The balances view at `version` (1, or 2 with overdraft attempt counts). */
export declare function balancesView(version?: BalancesVersion): ViewDefinition;

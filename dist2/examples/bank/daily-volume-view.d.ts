import { type ViewDefinition } from '../../store/index.js';
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
/** The UTC day of a timestamp, `YYYY-MM-DD`. */
export declare function dayOf(ts: number): string;
export declare function dailyVolumeView(): ViewDefinition;

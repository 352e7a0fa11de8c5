import type { RecordFilter } from '../log/record-filter.js';
export interface GroupDefinition {
    readonly name: string;
    readonly filter: RecordFilter;
    /** Where the group started reading. */
    readonly startFrom: number;
    /** Deliveries of one record before it is parked. */
    readonly maxDeliveries: number;
    /** How long a consumer holds a record before it is handed to another. */
    readonly ackTimeoutMs: number;
    readonly createdAt: number;
}
export interface ParkedRecord {
    readonly offset: number;
    readonly stream: string;
    readonly type: string;
    readonly deliveries: number;
    readonly reason: string;
    readonly parkedAt: number;
    /** Handed out again after POST .../parked/replay; the row goes once it is acknowledged. */
    readonly replaying?: boolean;
}
export declare class GroupStore {
    private readonly root;
    private constructor();
    static open(path: string, readOnly?: boolean): GroupStore;
    definitions(): GroupDefinition[];
    checkpoint(name: string): number | undefined;
    parked(name: string, options?: {
        after?: number;
        limit?: number;
    }): ParkedRecord[];
    parkedCount(name: string): number;
    /** Creates the group at its start; false (nothing written) when the name is taken. */
    create(definition: GroupDefinition): Promise<boolean>;
    /** One commit: the checkpoint (when given), parked rows written and parked rows removed. */
    save(name: string, change: {
        checkpoint?: number;
        park?: readonly ParkedRecord[];
        unpark?: readonly number[];
    }): Promise<void>;
    delete(name: string): Promise<void>;
    close(): Promise<void>;
}

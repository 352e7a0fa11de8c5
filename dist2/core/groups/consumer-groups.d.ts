import type { EventLog, Offset } from '../log/event-log.js';
import { type RecordFilter } from '../log/record-filter.js';
import { ConsumerGroup, type Delivery, type GroupInfo, type NackAction } from './consumer-group.js';
import type { GroupStore, ParkedRecord } from './group-store.js';
export type { Delivery, GroupInfo, NackAction, ParkedRecord, RecordFilter };
export interface CreateGroupOptions {
    readonly name: string;
    readonly filter?: RecordFilter;
    /** `start` (default), `end` (only records appended from now on) or a record's offset. */
    readonly from?: 'start' | 'end' | Offset;
    /** Deliveries before a record is parked (default 5). */
    readonly maxDeliveries?: number;
    /** Lease length in ms (default 30000). */
    readonly ackTimeoutMs?: number;
}
export interface ReadOptions {
    /** Who reads (shown nowhere yet; leases are per record). */
    readonly consumer?: string;
    /** Most records (default 100). */
    readonly limit?: number;
    /** Long-poll: ms to wait for a record when none is ready (default 0). */
    readonly waitMs?: number;
    readonly signal?: AbortSignal;
}
export declare const GROUP_NAME: RegExp;
export declare class ConsumerGroups {
    #private;
    private readonly log;
    private readonly store;
    constructor(log: EventLog, store: GroupStore);
    create(options: CreateGroupOptions): Promise<GroupInfo>;
    list(): GroupInfo[];
    get(name: string): ConsumerGroup;
    info(name: string): GroupInfo;
    delete(name: string): Promise<void>;
    read(name: string, options?: ReadOptions): Promise<Delivery[]>;
    ack(name: string, offsets: readonly Offset[]): Promise<{
        checkpoint: Offset;
    }>;
    nack(name: string, offsets: readonly Offset[], action?: NackAction, reason?: string): Promise<{
        checkpoint: Offset;
    }>;
    parked(name: string, options?: {
        after?: number;
        limit?: number;
    }): ParkedRecord[];
    replayParked(name: string): Promise<number>;
    /** Ends waiting reads, then closes the store. */
    close(): Promise<void>;
}

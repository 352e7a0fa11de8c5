import type { EventLog, LogRecord, Offset } from '../log/event-log.js';
import type { GroupDefinition, GroupStore, ParkedRecord } from './group-store.js';
/** A record handed out, with how many times it has been (this delivery included). */
export interface Delivery {
    readonly record: LogRecord;
    readonly deliveries: number;
}
export interface GroupInfo extends GroupDefinition {
    /** Every matching record before this offset is acknowledged or parked. */
    readonly checkpoint: Offset;
    /** Bytes of log from the checkpoint to the log end. */
    readonly lagBytes: number;
    /** Records handed out and not yet acknowledged. */
    readonly inFlight: number;
    /** Records read and waiting to be handed out (new, retried, expired or replayed). */
    readonly ready: number;
    readonly parked: number;
}
export type NackAction = 'retry' | 'park';
export declare class ConsumerGroup {
    #private;
    readonly definition: GroupDefinition;
    private readonly log;
    private readonly store;
    constructor(definition: GroupDefinition, log: EventLog, store: GroupStore);
    get name(): string;
    info(now?: number): GroupInfo;
    /**
     * Hands out up to `limit` records to `consumer`, waiting up to `waitMs` for one when none is ready.
     * Expired leases go back to the queue first (or are parked after maxDeliveries).
     */
    read(consumer: string, limit: number, waitMs: number, signal?: AbortSignal): Promise<Delivery[]>;
    /** Acknowledges records handed out; all or none (GROUP_NOT_IN_FLIGHT names the first that was not). */
    ack(offsets: readonly Offset[]): Promise<{
        checkpoint: Offset;
    }>;
    /** `retry`: back to the queue (parked once delivered maxDeliveries times); `park`: to the parked list now. */
    nack(offsets: readonly Offset[], action: NackAction, reason: string): Promise<{
        checkpoint: Offset;
    }>;
    parked(options: {
        after?: number;
        limit?: number;
    }): ParkedRecord[];
    /** Hands the parked records out again (they stay listed until acknowledged). Returns how many. */
    replayParked(): Promise<number>;
    /** Ends waiting reads (the group was deleted or the store is closing). */
    stop(): void;
}

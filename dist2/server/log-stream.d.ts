import { Readable } from 'node:stream';
import type { EventLog, Offset } from '../core/log/event-log.js';
import { type RecordFilter } from '../core/log/record-filter.js';
import type { LiveHandle, LiveRegistry } from './live-registry.js';
export type StreamFormat = 'ndjson' | 'binary' | 'sse';
export interface LogStreamOptions {
    readonly log: EventLog;
    /** A record boundary (or the log end) to start at. */
    readonly from: Offset;
    /** Most records to send; unlimited when absent. */
    readonly limit?: number;
    /** Keep following appends after reaching the end. */
    readonly live: boolean;
    readonly heartbeatMs: number;
    readonly format: StreamFormat;
    readonly registry: LiveRegistry;
    /** Only matching records are sent; checkpoints carry the position over the rest. */
    readonly filter?: RecordFilter;
}
/** In the binary item stream a checkpoint is an item of this length, whose offset field is the position. */
export declare const BINARY_CHECKPOINT_LENGTH = 4294967295;
export declare class LogStream extends Readable implements LiveHandle {
    #private;
    constructor(opts: LogStreamOptions);
    /** Where a reader continues after what was sent so far. */
    get cursor(): Offset;
    /** Ends the response gracefully after the chunk in flight (server shutdown). */
    stop(): void;
    _read(): void;
    _destroy(err: Error | null, callback: (error?: Error | null) => void): void;
}

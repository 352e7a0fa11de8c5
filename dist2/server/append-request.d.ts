import { STREAM_NAME } from '../core/log/event-codec.js';
import type { ExpectedRevision, NewEvent, StreamWrite } from '../core/log/event-log.js';
import type { ServerLimits } from '../config/config.js';
/** The log's own stream-name rule; `limits.maxStreamNameLength` may only shorten it. */
export { STREAM_NAME };
export type EventLimits = Pick<ServerLimits, 'maxBatchEvents' | 'maxStreamNameLength' | 'maxTypeLength' | 'maxMetaBytes' | 'maxTags' | 'maxTagLength' | 'maxJsonDepth'>;
export interface AppendRequest {
    readonly events: NewEvent[];
    readonly expectedRevision?: ExpectedRevision;
}
export declare function checkStreamName(stream: string, maxLength: number): void;
/** An expected revision from JSON (number or name) or from the query string (digits or name). */
export declare function parseExpectedRevision(value: unknown, fromQuery: boolean): ExpectedRevision | undefined;
export declare function parseJsonAppend(body: unknown, query: Record<string, unknown>, limits: EventLimits): AppendRequest;
/** POST /append: {"writes":[{"stream","expectedRevision"?,"events":[...]}, ...]}, at most maxBatchEvents events in all. */
export declare function parseMultiAppend(body: unknown, limits: EventLimits): StreamWrite[];
export declare function parseRawAppend(body: Buffer, query: Record<string, unknown>, limits: EventLimits): AppendRequest;

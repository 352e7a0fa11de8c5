import type { ViewDefinition } from '../core/view-engine/view-definition.js';
export interface StreamSummary {
    readonly stream: string;
    /** The last event's revision. */
    readonly revision: number;
    readonly count: number;
    readonly firstOffset: number;
    readonly lastOffset: number;
}
/**
 * The `streams` view.
 * - `get` {stream} -> {stream, revision, count, firstOffset, lastOffset}; SLUICE_ERR_VIEW_KEY_NOT_FOUND for an unknown stream.
 * - `list` {prefix?, cursor?, limit?} -> {streams: [summary...], cursor: string | null}, in stream name order.
 * - `events` {stream, from?, direction?, limit?} -> {stream, events: [record...], next: revision | null}, in revision
 *   order, or newest first with direction `backward` (then `next` is the revision to continue backwards from).
 */
export declare function streamsView(): ViewDefinition;

// The items a log stream sends besides records, one per format: checkpoints (where a filtered reader continues, past
// records that did not match), damage markers (damaged log bytes the stream passed over, and where it resumed) and
// gap markers (records retention removed before the reader saw them).
// Neither has an `offset` field (NDJSON) nor the `record` event name (SSE), so record readers skip them.
import type { DamagedSpan, Offset } from '../core/log/event-log.js';

export type StreamFormat = 'ndjson' | 'binary' | 'sse';

/** In the binary item stream a checkpoint is an item of this length, whose offset field is the position. */
export const BINARY_CHECKPOINT_LENGTH = 0xffffffff;
/** In the binary item stream a damage marker is an item of this length: offset field `from`, then `to` as a u64. */
export const BINARY_DAMAGE_LENGTH = 0xfffffffe;
/** In the binary item stream a gap (records removed by retention) is an item of this length; its offset is `to`. */
export const BINARY_GAP_LENGTH = 0xfffffffd;

function u64(item: Buffer, value: number, at: number): void {
  item.writeUInt32BE(Math.floor(value / 0x1_0000_0000), at);
  item.writeUInt32BE(value >>> 0, at + 4);
}

/**
 * Where a filtered reader continues, past records that did not match: NDJSON `{"next":N}`; SSE an event `checkpoint`
 * whose id is the last record scanned (so Last-Event-ID resumes after it) and data `{"next":N}`; binary an item
 * with length 0xFFFFFFFF and the position as its offset.
 */
export function checkpointChunk(format: StreamFormat, next: Offset, lastScanned: Offset): string | Buffer {
  if (format === 'ndjson') return `{"next":${next}}\n`;
  if (format === 'sse') return `id: ${lastScanned}\nevent: checkpoint\ndata: {"next":${next}}\n\n`;
  const item = Buffer.alloc(12);
  u64(item, next, 0);
  item.writeUInt32BE(BINARY_CHECKPOINT_LENGTH, 8);
  return item;
}

/**
 * Damaged records passed over: NDJSON `{"damaged":{"from":F,"to":T,"reason":R},"next":T}`; SSE an event `damaged` with
 * id F (Last-Event-ID F resumes at T) and the same data; binary an item of length 0xFFFFFFFE, offset F, then T (u64).
 */
export function damageChunk(format: StreamFormat, span: DamagedSpan): string | Buffer {
  const json = `{"damaged":${JSON.stringify({ from: span.from, to: span.to, reason: span.reason })},"next":${span.to}}`;
  if (format === 'ndjson') return `${json}\n`;
  if (format === 'sse') return `id: ${span.from}\nevent: damaged\ndata: ${json}\n\n`;
  const item = Buffer.alloc(20);
  u64(item, span.from, 0);
  item.writeUInt32BE(BINARY_DAMAGE_LENGTH, 8);
  u64(item, span.to, 12);
  return item;
}

/**
 * Records from `from` up to `to` are gone (retention removed their segments while the reader was behind): NDJSON
 * `{"gap":{"from":F,"to":T},"next":T}`; SSE an event `gap` without an id (a reconnect resumes after the last record
 * seen, and gets the gap again) and data `{"from":F,"to":T,"next":T}`; binary an item with length 0xFFFFFFFD and
 * `to` as its offset. Never a silent jump: the reader learns exactly which offsets it did not see.
 */
export function gapChunk(format: StreamFormat, from: Offset, to: Offset): string | Buffer {
  if (format === 'ndjson') return `{"gap":{"from":${from},"to":${to}},"next":${to}}\n`;
  if (format === 'sse') return `event: gap\ndata: {"from":${from},"to":${to},"next":${to}}\n\n`;
  const item = Buffer.alloc(12);
  u64(item, to, 0);
  item.writeUInt32BE(BINARY_GAP_LENGTH, 8);
  return item;
}

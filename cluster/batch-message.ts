// One atomic append as one JetStream message: its writes and events with the timestamps the publishing node chose,
// so every node that applies it encodes the same records with the same bytes, hence the same offsets.
// JSON events travel as JSON, binary payloads as base64. expectedRevision is not carried: JetStream's
// expected-last-sequence already guaranteed it held when the message was stored.
import { SluiceError } from '../core/errors.js';
import { assertStreamName, prepareEvent } from '../core/log/event-codec.js';
import type { NewEvent, StreamWrite } from '../core/log/event-log.js';

interface WireEvent {
  type: string;
  ts: number;
  data?: unknown;
  /** The payload bytes as base64 (a binary event); `data` is then absent. */
  bin?: string;
  meta?: Record<string, unknown>;
  tags?: readonly string[];
}

interface WireBatch {
  v: 1;
  writes: { stream: string; events: WireEvent[] }[];
}

const encoder = new TextEncoder();

function toWire(event: NewEvent, now: number): WireEvent {
  const wire: WireEvent = { type: event.type, ts: event.ts ?? now };
  if (event.data instanceof Uint8Array) wire.bin = Buffer.from(event.data.buffer, event.data.byteOffset, event.data.byteLength).toString('base64');
  else if (event.data !== undefined) wire.data = event.data;
  if (event.meta !== undefined) wire.meta = event.meta;
  if (event.tags !== undefined) wire.tags = event.tags;
  return wire;
}

/** Validates every write as the log would (nothing invalid may reach the shared log) and stamps missing timestamps. */
export function encodeBatch(writes: readonly StreamWrite[], now: number): { payload: Uint8Array; events: number } {
  if (!Array.isArray(writes) || writes.length === 0) throw new SluiceError('EVENT_INVALID', { reason: 'an append needs at least one event' });
  let events = 0;
  const batch: WireBatch = {
    v: 1,
    writes: writes.map((write) => {
      assertStreamName(write.stream);
      if (!Array.isArray(write.events) || write.events.length === 0) throw new SluiceError('EVENT_INVALID', { reason: `the write to ${write.stream} has no events` });
      return {
        stream: write.stream,
        events: write.events.map((event: NewEvent) => {
          prepareEvent(write.stream, event, now);
          events++;
          return toWire(event, now);
        }),
      };
    }),
  };
  return { payload: encoder.encode(JSON.stringify(batch)), events };
}

/** The writes a message carries; throws EVENT_INVALID for a message no Sluice node published. */
export function decodeBatch(payload: Uint8Array): StreamWrite[] {
  let batch: WireBatch;
  try {
    batch = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8')) as WireBatch;
  } catch {
    throw new SluiceError('EVENT_INVALID', { reason: 'the cluster message is not JSON' });
  }
  if (batch === null || typeof batch !== 'object' || batch.v !== 1 || !Array.isArray(batch.writes) || batch.writes.length === 0) {
    throw new SluiceError('EVENT_INVALID', { reason: 'the cluster message is not a Sluice batch' });
  }
  return batch.writes.map((write) => {
    assertStreamName(write?.stream);
    if (!Array.isArray(write.events) || write.events.length === 0) throw new SluiceError('EVENT_INVALID', { reason: `the write to ${write.stream} has no events` });
    return {
      stream: write.stream,
      events: write.events.map((wire) => {
        const event: NewEvent = {
          type: wire.type, ts: wire.ts,
          ...(wire.bin !== undefined ? { data: Buffer.from(wire.bin, 'base64') } : wire.data !== undefined ? { data: wire.data } : {}),
          ...(wire.meta !== undefined ? { meta: wire.meta } : {}),
          ...(wire.tags !== undefined ? { tags: wire.tags } : {}),
        };
        if (typeof wire.ts !== 'number') throw new SluiceError('EVENT_INVALID', { reason: 'a cluster event has no ts' });
        prepareEvent(write.stream, event, 0);
        return event;
      }),
    };
  });
}

/** Events in a batch: each becomes one record. */
export function eventCount(writes: readonly StreamWrite[]): number {
  return writes.reduce((n, write) => n + write.events.length, 0);
}

// Records out of a live response body: NDJSON lines or Server-Sent Events (`event: record`, `data: <record JSON>`).
// Heartbeats (empty lines, SSE comments) are skipped but reported through `onActivity`, which feeds the idle timer.
// A partial line or event at the end of the body (a connection cut mid-record) is dropped: the caller resumes
// after the last whole record it yielded.
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type { LogDamage, LogGap, SluiceRecord } from './wire-types.js';

/** What a live body carries: records, and gap markers where retention removed records the reader had not seen. */
export type LiveItem = SluiceRecord | { readonly gap: LogGap } | { readonly damaged: LogDamage } | { readonly checkpoint: number };

export type LiveFormat = 'ndjson' | 'sse';

export const ACCEPT: Record<LiveFormat, string> = { ndjson: 'application/x-ndjson', sse: 'text/event-stream' };

async function* textChunks(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      yield decoder.decode(value, { stream: true });
    }
  } finally {
    reader.cancel().catch(() => undefined);
  }
}

async function* ndjsonRecords(body: ReadableStream<Uint8Array>, onActivity: () => void): AsyncGenerator<LiveItem> {
  let buffered = '';
  for await (const chunk of textChunks(body)) {
    onActivity();
    buffered += chunk;
    let newline: number;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, newline).trim();
      buffered = buffered.slice(newline + 1);
      if (line === '') continue;
      const value = JSON.parse(line) as SluiceRecord | { next: number } | { gap: LogGap; next: number } | { damaged: LogDamage; next: number };
      // A filtered stream's checkpoint line ({"next": N}) carries the position past records that did not match.
      if ('offset' in value) yield value;
      else if ('gap' in value) yield { gap: value.gap };
      else if ('damaged' in value) yield { damaged: value.damaged };
      else if (typeof value.next === 'number') yield { checkpoint: value.next };
    }
  }
}

async function* sseRecords(body: ReadableStream<Uint8Array>, onActivity: () => void): AsyncGenerator<LiveItem> {
  const events: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event) });
  for await (const chunk of textChunks(body)) {
    onActivity();
    parser.feed(chunk);
    while (events.length > 0) {
      const event = events.shift()!;
      if (event.event === 'record') yield JSON.parse(event.data) as SluiceRecord;
      else if (event.event === 'gap') {
        const { from, to } = JSON.parse(event.data) as LogGap;
        yield { gap: { from, to } };
      } else if (event.event === 'damaged') yield { damaged: (JSON.parse(event.data) as { damaged: LogDamage }).damaged };
      else if (event.event === 'checkpoint') yield { checkpoint: (JSON.parse(event.data) as { next: number }).next };
    }
  }
}

export function liveRecords(format: LiveFormat, body: ReadableStream<Uint8Array>, onActivity: () => void): AsyncGenerator<LiveItem> {
  return format === 'sse' ? sseRecords(body, onActivity) : ndjsonRecords(body, onActivity);
}

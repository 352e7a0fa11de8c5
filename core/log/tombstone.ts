// A stream's tombstone: the record a soft delete appends. It is an ordinary record of the stream (it takes the next
// revision, so revisions continue when the stream is written again) with a reserved type nobody else may append.
import { SluiceError } from '../errors.js';
import type { LogRecord, NewEvent, StreamWrite } from './event-log.js';

export const TOMBSTONE_TYPE = '$tombstone';

export function tombstoneEvent(): NewEvent {
  return { type: TOMBSTONE_TYPE, data: null };
}

export function isTombstone(record: Pick<LogRecord, 'type'>): boolean {
  return record.type === TOMBSTONE_TYPE;
}

/** Rejects writes that try to append a tombstone by hand (only deleteStream writes one). */
export function assertNoTombstones(writes: readonly StreamWrite[]): void {
  for (const write of writes) {
    if (!Array.isArray(write?.events)) continue;
    for (const event of write.events) {
      if (event?.type === TOMBSTONE_TYPE) throw new SluiceError('EVENT_INVALID', { reason: `type ${TOMBSTONE_TYPE} is reserved for stream deletion (DELETE /streams/:stream)` });
    }
  }
}

// Every record offset of one stream, found by a scan of the log's frames (no decoding, no view needed), so an
// erasure never depends on a view being ready or correct. The scan yields to the event loop after each slice of
// SLICE_BYTES, so appends and queries keep their turn while a large log is scanned.
import { readBodyLayout } from '../core/log/event-codec.js';
import type { EventLog, Offset } from '../core/log/event-log.js';
import { FRAME_HEADER_BYTES } from '../core/log/frame-codec.js';

const SLICE_BYTES = 1 << 20;

/** Records appended while the scan yields are scanned too: it ends at the log's end as it is when it finishes. */
export async function streamOffsets(log: EventLog, stream: string): Promise<Offset[]> {
  const name = Buffer.from(stream, 'latin1');
  const offsets: Offset[] = [];
  let at = log.start;
  while (at < log.end) {
    const next = log.visitFrames(at, { maxBytes: SLICE_BYTES, until: log.end }, (buf, pos, offset, length) => {
      const layout = readBodyLayout(buf, pos + FRAME_HEADER_BYTES, pos + length - 4);
      if (layout && layout.streamEnd - layout.streamStart === name.length && buf.compare(name, 0, name.length, layout.streamStart, layout.streamEnd) === 0) {
        offsets.push(offset);
      }
      return true;
    });
    if (next === at) break;
    at = next;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return offsets;
}

// The ids of recent events, by stream, so an append that repeats them is acknowledged again instead of written twice.
// Derived from the log only (rebuilt by the writer's recovery scan), so it survives any crash the log survives.
// Invariant: entries are kept in offset order, which lets eviction stop at the first entry inside the window.

export interface IdEntry {
  readonly offset: number;
  readonly revision: number;
}

export class EventIdIndex {
  readonly #entries = new Map<string, IdEntry>();

  /** `windowBytes`: an id is remembered while its record lies within the last `windowBytes` of the log. */
  constructor(readonly windowBytes: number) {}

  get size(): number {
    return this.#entries.size;
  }

  find(stream: string, id: string): IdEntry | undefined {
    return this.#entries.get(`${stream}\n${id}`);
  }

  /** Records an id; must be called in offset order. */
  add(stream: string, id: string, offset: number, revision: number): void {
    const key = `${stream}\n${id}`;
    this.#entries.delete(key);
    this.#entries.set(key, { offset, revision });
  }

  /** Forgets the ids of records that start before `end - windowBytes`. */
  evict(end: number): void {
    const from = end - this.windowBytes;
    for (const [key, entry] of this.#entries) {
      if (entry.offset >= from) return;
      this.#entries.delete(key);
    }
  }
}

/** An id seen by the recovery scan, in log order. */
export interface SeenId {
  readonly stream: string;
  readonly id: string;
  readonly offset: number;
  readonly revision: number;
}

/** What the writer's recovery scan collects for the index: where it started, and the ids of committed records. */
export interface IdScan {
  from: number;
  readonly ids: SeenId[];
}

/** Reads records backwards from `before` (the newest first), as the segment reader does. */
type ReadBackward = (before: number) => AsyncIterable<{ offset: number; stream: string; revision: number; id?: string }>;

/**
 * The ids of the records in [windowStart, until), read forward without decoding payloads (checked frames, read in
 * large chunks); undefined when damage stops the walk before `until`. The segment reader's visitFrames.
 */
export type CollectIds = (windowStart: number, until: number) => SeenId[] | undefined;

/**
 * Fills the index from the log: the ids the recovery scan saw, and, when the scan started after the window's start
 * (from the revisions checkpoint), the ids of the records before it: read forward when the frames there are whole,
 * else backwards from the scan's start until damage (which ends the window there).
 */
export async function fillIdIndex(
  index: EventIdIndex, scan: IdScan, logStart: number, end: number, readBackward: ReadBackward, collectIds?: CollectIds,
): Promise<void> {
  const windowStart = end - index.windowBytes;
  let earlier: SeenId[] = [];
  if (scan.from > logStart && scan.from > windowStart) {
    const forward = collectIds?.(windowStart, scan.from);
    if (forward !== undefined) earlier = forward;
    else {
      try {
        for await (const record of readBackward(scan.from)) {
          if (record.offset < windowStart) break;
          if (record.id !== undefined) earlier.push({ stream: record.stream, id: record.id, offset: record.offset, revision: record.revision });
        }
      } catch {
        // Damage before the checkpoint (reported by verify) ends the window there: ids before it are not remembered.
      }
      earlier.reverse();
    }
  }
  for (const e of earlier) index.add(e.stream, e.id, e.offset, e.revision);
  for (const e of scan.ids) index.add(e.stream, e.id, e.offset, e.revision);
  index.evict(end);
}

// One storage (one build of one view version) as this process sees it: its meta row, its sub-databases, and
// whether the log still agrees with the position it recorded.
import type { EventLog, LogRecord } from '../log/event-log.js';
import { checksummedDbs } from './checksummed-dbs.js';
import { ChecksumDelta } from './row-checksum.js';
import type { ApplyContext, ViewDbs, ViewDefinition } from './view-definition.js';
import { storageId, type RecordMark, type StorageMeta } from './view-meta.js';
import type { ViewStore } from './view-store.js';

export class ViewStorage {
  readonly id: string;
  private opened: ApplyContext | undefined;
  /** Whether `opened` folds writes into the checksum: a build that deferred it starts to once it is ready. */
  private openedTracking = false;
  /** Queries running against this storage; it is dropped only once they finish. */
  inflight = 0;
  dropped = false;
  /** Stalled at a damaged record in this process: not tried again until skipping is allowed (or the next start). */
  stuck = false;

  constructor(readonly def: ViewDefinition, public meta: StorageMeta, private readonly store: ViewStore) {
    this.id = storageId(meta);
  }

  /** What the writes of the transaction under way change in the checksum (view-runner folds it into the meta row). */
  readonly delta = new ChecksumDelta();

  /** The storage's sub-databases, opened on first use (what queries read). */
  get dbs(): ViewDbs {
    return this.store.dbsOf(this.id, this.def.dbs);
  }

  /** The same rows with binary keys and values, as stored. */
  get rawDbs(): ViewDbs {
    void this.dbs;
    return this.store.rawDbsOf(this.id, this.def.dbs);
  }

  /** What `apply` and `flush` receive: sub-databases whose writes keep the running checksum (when it is kept). */
  get ctx(): ApplyContext {
    const tracking = this.meta.checksum !== undefined;
    if (this.opened === undefined || this.openedTracking !== tracking) {
      const dbs = this.dbs;
      this.opened = { dbs: tracking ? checksummedDbs(dbs, this.def.dbs, this.delta) : dbs, batch: new Map() };
      this.openedTracking = tracking;
    }
    return this.opened;
  }

  /**
   * Opens (creates) every database handle a write transaction on this storage may use, before the transaction: a
   * database opened inside a transaction that aborts is closed with it. A build also needs its raw handles, read when
   * it becomes ready (ready-build.ts).
   */
  openHandles(): void {
    void this.ctx;
    if (this.meta.state === 'building') void this.rawDbs;
  }

  get build(): number {
    return this.meta.build;
  }
}

export function markOf(record: LogRecord): RecordMark {
  return { stream: record.stream, revision: record.revision, ts: record.ts };
}

/**
 * Whether the log still holds the records this storage applied: its `next` is within the log and the record at its
 * position is the one it applied. False when the log lost its tail (the view is ahead) or was replaced.
 */
export function agreesWithLog(meta: StorageMeta, log: EventLog): boolean {
  if (meta.next > log.end || meta.next < log.start) return false;
  if (meta.position === null) return meta.next === log.start;
  let record: LogRecord;
  try {
    record = log.readSync(meta.position);
  } catch {
    return false;
  }
  const last = meta.last;
  return record.next === meta.next && last !== null &&
    record.stream === last.stream && record.revision === last.revision && record.ts === last.ts;
}

// One storage (one build of one view version) as this process sees it: its meta row, its sub-databases, and
// whether the log still agrees with the position it recorded.
import type { EventLog, LogRecord } from '../log/event-log.js';
import type { ApplyContext, ViewDbs, ViewDefinition } from './view-definition.js';
import { storageId, type RecordMark, type StorageMeta } from './view-meta.js';
import type { ViewStore } from './view-store.js';

export class ViewStorage {
  readonly id: string;
  private opened: ApplyContext | undefined;
  /** Queries running against this storage; it is dropped only once they finish. */
  inflight = 0;
  dropped = false;

  constructor(readonly def: ViewDefinition, public meta: StorageMeta, private readonly store: ViewStore) {
    this.id = storageId(meta);
  }

  /** The storage's sub-databases, opened on first use. */
  get dbs(): ViewDbs {
    return this.ctx.dbs;
  }

  get ctx(): ApplyContext {
    this.opened ??= { dbs: this.store.dbsOf(this.id, this.def.dbs), batch: new Map() };
    return this.opened;
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

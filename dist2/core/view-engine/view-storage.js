import { storageId } from './view-meta.js';
export class ViewStorage {
    def;
    meta;
    store;
    id;
    opened;
    /** Queries running against this storage; it is dropped only once they finish. */
    inflight = 0;
    dropped = false;
    constructor(def, meta, store) {
        this.def = def;
        this.meta = meta;
        this.store = store;
        this.id = storageId(meta);
    }
    /** The storage's sub-databases, opened on first use. */
    get dbs() {
        return this.ctx.dbs;
    }
    get ctx() {
        this.opened ??= { dbs: this.store.dbsOf(this.id, this.def.dbs), batch: new Map() };
        return this.opened;
    }
    get build() {
        return this.meta.build;
    }
}
export function markOf(record) {
    return { stream: record.stream, revision: record.revision, ts: record.ts };
}
/**
 * Whether the log still holds the records this storage applied: its `next` is within the log and the record at its
 * position is the one it applied. False when the log lost its tail (the view is ahead) or was replaced.
 */
export function agreesWithLog(meta, log) {
    if (meta.next > log.end || meta.next < log.start)
        return false;
    if (meta.position === null)
        return meta.next === log.start;
    let record;
    try {
        record = log.readSync(meta.position);
    }
    catch {
        return false;
    }
    const last = meta.last;
    return record.next === meta.next && last !== null &&
        record.stream === last.stream && record.revision === last.revision && record.ts === last.ts;
}
//# sourceMappingURL=view-storage.js.map
import { readStorage, writeStorage } from './view-meta.js';
import { markOf } from './view-storage.js';
export const DEFAULT_BATCH_LIMITS = { records: 32_768, bytes: 16 * 1024 * 1024 };
/** Up to one batch of records from `from` (a record boundary), read synchronously. */
export function readLogBatch(log, from, limits) {
    return log.readBatch(from, { limit: limits.records, maxBytes: limits.bytes });
}
function indexOfOffset(records, offset) {
    let lo = 0;
    let hi = records.length - 1;
    while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const at = records[mid].offset;
        if (at === offset)
            return mid;
        if (at < offset)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}
function messageOf(err) {
    return err instanceof Error ? err.message : String(err);
}
/** A view's apply (or flush) threw: the transaction is abandoned and retried without that view. */
class ApplyFailure {
    storage;
    error;
    offset;
    constructor(storage, error, offset) {
        this.storage = storage;
        this.error = error;
        this.offset = offset;
    }
}
/**
 * Applies `batch` to every storage of `group` whose next record is in it, all in one transaction. A view whose apply
 * throws aborts the attempt; it is retried without that view, which is then marked failed in the same transaction
 * as the others' progress. (Child transactions per view would isolate it too, but cost a commit each per batch.)
 */
export function applyBatch(store, group, batch, logEnd) {
    const failures = new Map();
    // Open (create) the sub-databases before the transaction: a database opened inside one that aborts is closed.
    for (const storage of group)
        if (!storage.dropped)
            void storage.ctx;
    for (;;) {
        try {
            return store.write(() => attempt(store, group, batch, logEnd, failures));
        }
        catch (err) {
            if (!(err instanceof ApplyFailure))
                throw err;
            failures.set(err.storage, err);
        }
        finally {
            for (const storage of group)
                storage.ctx.batch.clear();
        }
    }
}
function attempt(store, group, batch, logEnd, failures) {
    const outcomes = [];
    for (const storage of group) {
        if (storage.dropped)
            continue;
        const stored = readStorage(store.meta, storage.meta.view, storage.meta.build);
        if (stored === undefined || stored.next !== storage.meta.next || stored.state !== storage.meta.state) {
            outcomes.push({ kind: 'moved', storage, meta: stored });
            continue;
        }
        const failure = failures.get(storage);
        if (failure !== undefined) {
            const row = { ...stored, state: 'failed', error: { message: messageOf(failure.error), offset: failure.offset } };
            writeStorage(store.meta, row);
            outcomes.push({ kind: 'failed', storage, meta: row, error: failure.error });
            continue;
        }
        const first = indexOfOffset(batch.records, stored.next);
        if (first < 0)
            throw new ApplyFailure(storage, new Error(`its next offset ${stored.next} is not the start of a record`), stored.next);
        const records = batch.records;
        const { def, ctx } = storage;
        let i = first;
        try {
            for (; i < records.length; i++)
                def.apply(records[i], ctx);
            def.flush?.(ctx);
        }
        catch (error) {
            throw new ApplyFailure(storage, error, records[Math.min(i, records.length - 1)].offset);
        }
        const last = records[records.length - 1];
        const caughtUp = stored.state === 'building' && last.next >= logEnd;
        const row = {
            ...stored,
            state: caughtUp ? 'ready' : stored.state,
            readyAt: caughtUp ? Date.now() : stored.readyAt,
            position: last.offset,
            next: last.next,
            last: markOf(last),
            records: stored.records + records.length - first,
        };
        writeStorage(store.meta, row);
        outcomes.push({ kind: 'applied', storage, meta: row, records: records.length - first });
    }
    return outcomes;
}
/**
 * One round: every storage that is behind the log end advances by at most one batch. Storages at the same place
 * share a read and a transaction; a storage far behind (a rebuild) does not hold back those following the tail.
 */
export function runRound(store, log, storages, limits) {
    const outcomes = [];
    let pending = storages
        .filter((s) => !s.dropped && s.meta.state !== 'failed' && s.meta.next < log.end)
        .sort((a, b) => a.meta.next - b.meta.next);
    while (pending.length > 0) {
        const batch = readLogBatch(log, pending[0].meta.next, limits);
        if (batch.records.length === 0)
            break;
        const group = pending.filter((s) => s.meta.next < batch.next);
        if (store.isClosed)
            break;
        for (const outcome of applyBatch(store, group, batch, log.end)) {
            if (outcome.meta !== undefined)
                outcome.storage.meta = outcome.meta;
            outcomes.push(outcome);
        }
        pending = pending.filter((s) => !group.includes(s));
    }
    return outcomes;
}
//# sourceMappingURL=view-runner.js.map
// One consumer group in memory: records matching its filter are handed out from its checkpoint on, each leased to
// one consumer until acknowledged, negatively acknowledged (retried, or parked after maxDeliveries) or its lease
// expires (handed out again). Invariant: the persisted checkpoint never passes a record that is not acknowledged or
// parked, so after a restart or a kill -9 delivery resumes at it: at least once, no record skipped.
import { SluiceError } from '../errors.js';
import { matchesRecord } from '../log/record-filter.js';
/** Most records read ahead and held unacknowledged per group; beyond it the group waits for acks. */
const MAX_PENDING = 10_000;
const SCAN_BYTES = 1024 * 1024;
/** Most log one read scans before answering (possibly with nothing), so a rare filter never blocks the server. */
const SCAN_BYTES_PER_READ = 16 * 1024 * 1024;
export class ConsumerGroup {
    definition;
    log;
    store;
    #checkpoint;
    #scanCursor;
    /** Unacknowledged records in offset order (replayed ones first), waiting or leased. */
    #pending = new Map();
    /** Parked offsets at or after the checkpoint: the scan skips them. */
    #parkedAhead = new Set();
    #parkedCount;
    #waiters = new Set();
    #deleted = false;
    constructor(definition, log, store) {
        this.definition = definition;
        this.log = log;
        this.store = store;
        // A log that lost its unsynced tail (power loss in batch/none mode) can end before the checkpoint: continue at
        // its end, or the records appended from there on would never be delivered.
        this.#checkpoint = Math.min(store.checkpoint(definition.name) ?? definition.startFrom, log.end);
        this.#scanCursor = this.#checkpoint;
        const parked = store.parked(definition.name);
        this.#parkedCount = parked.length;
        for (const row of parked) {
            if (row.replaying === true)
                this.#pending.set(row.offset, { offset: row.offset, deliveries: 0, deadline: 0, consumer: undefined, replay: true });
            else if (row.offset >= this.#checkpoint)
                this.#parkedAhead.add(row.offset);
        }
    }
    get name() {
        return this.definition.name;
    }
    info(now = Date.now()) {
        let inFlight = 0;
        for (const entry of this.#pending.values())
            if (entry.deadline > now)
                inFlight++;
        return {
            ...this.definition, checkpoint: this.#checkpoint, lagBytes: Math.max(0, this.log.end - this.#checkpoint),
            inFlight, ready: this.#pending.size - inFlight, parked: this.#parkedCount,
        };
    }
    /**
     * Hands out up to `limit` records to `consumer`, waiting up to `waitMs` for one when none is ready.
     * Expired leases go back to the queue first (or are parked after maxDeliveries).
     */
    async read(consumer, limit, waitMs, signal) {
        const until = Date.now() + waitMs;
        for (;;) {
            const out = await this.#take(consumer, limit);
            const left = until - Date.now();
            if (out.length > 0 || left <= 0 || this.#deleted || signal?.aborted)
                return out;
            // More log to scan: let other requests run first, then go on scanning.
            if (this.#scanCursor < this.log.end && this.#pending.size < MAX_PENDING)
                await new Promise((resolve) => setImmediate(resolve));
            else
                await this.#waitForWork(left, signal);
        }
    }
    /** Acknowledges records handed out; all or none (GROUP_NOT_IN_FLIGHT names the first that was not). */
    async ack(offsets) {
        const entries = this.#handedOut(offsets);
        const unpark = [];
        for (const entry of entries) {
            this.#pending.delete(entry.offset);
            if (entry.replay)
                unpark.push(entry.offset);
        }
        this.#parkedCount -= unpark.length;
        await this.#save([], unpark);
        return { checkpoint: this.#checkpoint };
    }
    /** `retry`: back to the queue (parked once delivered maxDeliveries times); `park`: to the parked list now. */
    async nack(offsets, action, reason) {
        const entries = this.#handedOut(offsets);
        const park = [];
        for (const entry of entries) {
            if (action === 'park' || entry.deliveries >= this.definition.maxDeliveries)
                park.push(entry);
            else {
                entry.deadline = 0;
                entry.consumer = undefined;
            }
        }
        await this.#park(park, action === 'park' ? reason : `${reason} (delivered ${this.definition.maxDeliveries} times)`);
        this.#wake();
        return { checkpoint: this.#checkpoint };
    }
    parked(options) {
        return this.store.parked(this.name, options);
    }
    /** Hands the parked records out again (they stay listed until acknowledged). Returns how many. */
    async replayParked() {
        const rows = this.store.parked(this.name).filter((row) => row.replaying !== true);
        if (rows.length === 0)
            return 0;
        const replayed = rows.map((row) => ({ ...row, replaying: true }));
        await this.store.save(this.name, { park: replayed });
        // Replayed records go first, in offset order, ahead of the records read from the checkpoint on.
        const rest = [...this.#pending.values()];
        this.#pending.clear();
        for (const row of rows)
            this.#pending.set(row.offset, { offset: row.offset, deliveries: 0, deadline: 0, consumer: undefined, replay: true });
        for (const entry of rest)
            if (!this.#pending.has(entry.offset))
                this.#pending.set(entry.offset, entry);
        for (const row of rows)
            this.#parkedAhead.delete(row.offset);
        this.#wake();
        return rows.length;
    }
    /** Ends waiting reads (the group was deleted or the store is closing). */
    stop() {
        this.#deleted = true;
        this.#wake();
    }
    #handedOut(offsets) {
        const entries = [];
        for (const offset of offsets) {
            const entry = this.#pending.get(offset);
            if (entry === undefined || entry.deliveries === 0)
                throw new SluiceError('GROUP_NOT_IN_FLIGHT', { group: this.name, offset });
            entries.push(entry);
        }
        return entries;
    }
    async #take(consumer, limit) {
        const now = Date.now();
        await this.#expire(now);
        const out = [];
        const lease = (entry, record) => {
            entry.deliveries++;
            entry.deadline = now + this.definition.ackTimeoutMs;
            entry.consumer = consumer;
            out.push({ record, deliveries: entry.deliveries });
        };
        for (const entry of this.#pending.values()) {
            if (out.length >= limit)
                return out;
            if (entry.deadline === 0)
                lease(entry, this.log.readSync(entry.offset));
        }
        const { filter } = this.definition;
        const scanStart = this.#scanCursor;
        while (out.length < limit && this.#pending.size < MAX_PENDING && this.#scanCursor < this.log.end && this.#scanCursor - scanStart < SCAN_BYTES_PER_READ) {
            const batch = this.log.readBatch(this.#scanCursor, { maxBytes: SCAN_BYTES, limit: MAX_PENDING - this.#pending.size });
            for (const record of batch.records) {
                if (!matchesRecord(filter, record) || this.#parkedAhead.has(record.offset))
                    continue;
                const entry = { offset: record.offset, deliveries: 0, deadline: 0, consumer: undefined, replay: false };
                this.#pending.set(record.offset, entry);
                if (out.length < limit)
                    lease(entry, record);
            }
            this.#scanCursor = batch.next;
        }
        // Records skipped by the filter move the checkpoint too, so a quiet filter does not lag forever.
        await this.#save([], []);
        return out;
    }
    /** Expired leases: back to the queue, or parked once delivered maxDeliveries times. */
    async #expire(now) {
        const park = [];
        for (const entry of this.#pending.values()) {
            if (entry.deadline === 0 || entry.deadline > now)
                continue;
            if (entry.deliveries >= this.definition.maxDeliveries)
                park.push(entry);
            else {
                entry.deadline = 0;
                entry.consumer = undefined;
            }
        }
        await this.#park(park, `not acknowledged within ${this.definition.ackTimeoutMs} ms, ${this.definition.maxDeliveries} times`);
    }
    async #park(entries, reason) {
        if (entries.length === 0)
            return;
        const now = Date.now();
        const rows = entries.map((entry) => {
            const record = this.log.readSync(entry.offset);
            this.#pending.delete(entry.offset);
            if (!entry.replay)
                this.#parkedCount++;
            return { offset: entry.offset, stream: record.stream, type: record.type, deliveries: entry.deliveries, reason, parkedAt: now };
        });
        await this.#save(rows, []);
    }
    /** Moves the checkpoint to the first record not acknowledged or parked, with the parked rows, in one commit. */
    async #save(park, unpark) {
        // A deleted (or closing) group writes nothing more: rows written after a delete would outlive it, and haunt a
        // new group of the same name. An ack lost this way is only a redelivery.
        if (this.#deleted)
            return;
        let next = this.#scanCursor;
        for (const entry of this.#pending.values()) {
            if (entry.replay)
                continue;
            next = entry.offset;
            break;
        }
        const moved = next > this.#checkpoint;
        if (!moved && park.length === 0 && unpark.length === 0)
            return;
        if (moved) {
            this.#checkpoint = next;
            for (const offset of this.#parkedAhead)
                if (offset < next)
                    this.#parkedAhead.delete(offset);
        }
        for (const row of park)
            if (row.offset >= this.#checkpoint)
                this.#parkedAhead.add(row.offset);
        await this.store.save(this.name, { checkpoint: moved ? next : undefined, park, unpark });
    }
    #wake() {
        const waiters = [...this.#waiters];
        this.#waiters.clear();
        for (const wake of waiters)
            wake();
    }
    /** Until records are appended past the scan, a record comes back to the queue, a lease expires, or `ms` pass. */
    #waitForWork(ms, signal) {
        let nearest = ms;
        const now = Date.now();
        for (const entry of this.#pending.values())
            if (entry.deadline > 0)
                nearest = Math.min(nearest, entry.deadline - now + 1);
        return new Promise((resolve) => {
            let unsubscribe;
            const done = () => {
                clearTimeout(timer);
                unsubscribe?.();
                this.#waiters.delete(done);
                signal?.removeEventListener('abort', done);
                resolve();
            };
            const timer = setTimeout(done, Math.max(1, nearest));
            this.#waiters.add(done);
            signal?.addEventListener('abort', done);
            const cursor = this.#scanCursor;
            unsubscribe = this.log.onAppend((end) => { if (end > cursor)
                done(); });
            if (this.log.end > cursor && this.#pending.size < MAX_PENDING)
                done();
        });
    }
}
//# sourceMappingURL=consumer-group.js.map
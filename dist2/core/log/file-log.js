// The file log: segment files of checksummed frames, one writer with group commit, any number of readers.
// Invariant: every record below `end` is complete, committed and (in `fsync` mode) durable.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { ConcurrencyError, SluiceError } from '../errors.js';
import { assertStreamName, prepareEvent, MAX_REVISION } from './event-codec.js';
import { EventIdIndex } from './event-id-index.js';
import { frameBytes, frameStreamRevision, writeFrame } from './frame-codec.js';
import { NodeLogFileSystem } from './log-file-system.js';
import { scanSegments, segmentIndexOf } from './log-scanner.js';
import { SegmentReader } from './segment-reader.js';
import { segmentBases, segmentFileName } from './segment-names.js';
import { loadCheckpoint, saveCheckpoint } from './stream-checkpoint.js';
import { WriterLock } from './writer-lock.js';
export const DEFAULT_ID_WINDOW_BYTES = 64 * 1024 * 1024;
const META_FILE = 'log.meta';
const CHECKPOINT_FILE = 'streams.ckpt';
function checkExpected(stream, expected, current) {
    if (expected === undefined || expected === 'any')
        return;
    const holds = expected === 'no_stream' ? current === undefined
        : expected === 'exists' ? current !== undefined
            : current === expected;
    if (!holds)
        throw new ConcurrencyError(stream, expected, current ?? null);
}
function assertExpectedRevision(value) {
    if (value === undefined || value === 'any' || value === 'no_stream' || value === 'exists')
        return;
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0)
        return;
    throw new SluiceError('EVENT_INVALID', { reason: `expectedRevision must be a non-negative integer, "no_stream", "exists" or "any", got ${JSON.stringify(value)}` });
}
export class FileLog {
    dir;
    fs;
    salt;
    mode;
    readOnly;
    segmentBytes;
    maxBody;
    batchIntervalMs;
    checkpointBytes;
    revisions;
    lock;
    writtenEnd = 0;
    syncedEnd = 0;
    checkpointedAt = 0;
    queue = [];
    flushing;
    batchTimer;
    /** The `batch` mode sync in flight, awaited on close so it never runs on a closed descriptor. */
    batchSync;
    failure;
    closed = false;
    closing;
    listeners = new Set();
    reader;
    /** Ids of the events in the id window (writers only). */
    ids;
    /** Ids found by a recovery scan, in log order, until recovery hands them to `ids`. */
    scannedIds;
    constructor(dir, fs, salt, mode, readOnly, segmentBytes, maxBody, batchIntervalMs, checkpointBytes, revisions, lock, idWindowBytes) {
        this.dir = dir;
        this.fs = fs;
        this.salt = salt;
        this.mode = mode;
        this.readOnly = readOnly;
        this.segmentBytes = segmentBytes;
        this.maxBody = maxBody;
        this.batchIntervalMs = batchIntervalMs;
        this.checkpointBytes = checkpointBytes;
        this.revisions = revisions;
        this.lock = lock;
        this.reader = new SegmentReader(salt, maxBody);
        this.ids = new EventIdIndex(idWindowBytes);
    }
    get segments() {
        return this.reader.segments;
    }
    static async open(options) {
        const fs = options.fs ?? new NodeLogFileSystem();
        const readOnly = options.readOnly ?? false;
        const { dir } = options;
        if (!readOnly)
            fs.mkdirp(dir);
        const lock = readOnly || options.lock === false ? undefined : WriterLock.acquire(dir);
        let log;
        try {
            const meta = await FileLog.loadMeta(fs, dir, readOnly);
            const checkpoint = loadCheckpoint(fs, join(dir, CHECKPOINT_FILE), meta.salt);
            log = new FileLog(dir, fs, meta.salt, options.fsync ?? 'fsync', readOnly, options.segmentBytes ?? 128 * 1024 * 1024, options.maxRecordBytes ?? 65 * 1024 * 1024, options.batchIntervalMs ?? 50, options.checkpointBytes ?? 64 * 1024 * 1024, checkpoint?.streams ?? new Map(), lock, options.idWindowBytes ?? DEFAULT_ID_WINDOW_BYTES);
            await log.recover(checkpoint?.offset);
            return log;
        }
        catch (err) {
            for (const segment of log?.segments ?? [])
                segment.file.close();
            lock?.release();
            throw err;
        }
    }
    static async loadMeta(fs, dir, readOnly) {
        const raw = fs.readFile(join(dir, META_FILE));
        if (raw) {
            let meta;
            try {
                meta = JSON.parse(raw.toString('utf8'));
            }
            catch {
                throw new SluiceError('LOG_FORMAT', { dir, reason: `${META_FILE} is not valid JSON` });
            }
            if (meta.format !== 'sluice-log' || meta.version !== 1 || !Number.isInteger(meta.salt)) {
                throw new SluiceError('LOG_FORMAT', { dir, reason: `${META_FILE} describes an unsupported format` });
            }
            return meta;
        }
        if (readOnly)
            throw new SluiceError('LOG_FORMAT', { dir, reason: 'no log here yet (start a writer first)' });
        if (segmentBases(fs.list(dir)).length > 0)
            throw new SluiceError('LOG_FORMAT', { dir, reason: `segments without ${META_FILE}` });
        const meta = { format: 'sluice-log', version: 1, salt: randomBytes(4).readUInt32LE(0) };
        await fs.writeFileAtomic(join(dir, META_FILE), Buffer.from(JSON.stringify(meta)));
        return meta;
    }
    async recover(checkpointOffset) {
        let bases = segmentBases(this.fs.list(this.dir));
        if (bases.length === 0 && !this.readOnly) {
            this.fs.openFile(join(this.dir, segmentFileName(0)), 'write').close();
            await this.fs.syncDir(this.dir);
            bases = [0];
        }
        bases.forEach((base, i) => this.segments.push({
            base,
            file: this.fs.openFile(join(this.dir, segmentFileName(base)), !this.readOnly && i === bases.length - 1 ? 'write' : 'read'),
        }));
        // A reader that arrives before the writer created its first segment sees an empty log until refresh().
        if (this.segments.length === 0)
            return;
        const last = this.segments[this.segments.length - 1];
        const fileEnd = last.base + last.file.size();
        let from = this.segments[0].base;
        // A checkpoint is only a shortcut: one that does not name the end of a valid record costs a full scan, never data.
        if (checkpointOffset !== undefined && checkpointOffset >= from && checkpointOffset <= fileEnd
            && this.reader.validRecordEndsAt(segmentIndexOf(this.segments, checkpointOffset), checkpointOffset))
            from = checkpointOffset;
        else
            this.revisions.clear();
        if (!this.readOnly)
            this.scannedIds = [];
        const end = this.scanInto(from, this.readOnly ? 'follow' : 'recover');
        if (!this.readOnly) {
            // A killed writer can leave written-but-unsynced bytes and an unsynced new segment in the page cache: make
            // them durable before they become visible (and before new frames claim them as synced).
            if (end < fileEnd)
                last.file.truncate(end - last.base);
            await last.file.datasync();
            await this.fs.syncDir(this.dir);
        }
        this.reader.end = this.writtenEnd = this.syncedEnd = this.checkpointedAt = end;
        if (!this.readOnly)
            await this.loadIds(from, end);
    }
    /**
     * Fills the id index from the log: the ids the recovery scan saw (from `scannedFrom`), and, when the scan started
     * after the window's start (from the revisions checkpoint), the ids of the records before it, read backwards.
     */
    async loadIds(scannedFrom, end) {
        const scanned = this.scannedIds ?? [];
        this.scannedIds = undefined;
        const windowStart = end - this.ids.windowBytes;
        const earlier = [];
        if (scannedFrom > this.start && scannedFrom > windowStart) {
            try {
                for await (const record of this.reader.readBackward({ before: scannedFrom })) {
                    if (record.offset < windowStart)
                        break;
                    if (record.id !== undefined)
                        earlier.push({ stream: record.stream, id: record.id, offset: record.offset, revision: record.revision });
                }
            }
            catch {
                // Damage before the checkpoint (reported by verify) ends the window there: ids before it are not remembered.
            }
        }
        for (let i = earlier.length - 1; i >= 0; i--) {
            const e = earlier[i];
            this.ids.add(e.stream, e.id, e.offset, e.revision);
        }
        for (const e of scanned)
            this.ids.add(e.stream, e.id, e.offset, e.revision);
        this.ids.evict(end);
    }
    /** Scans from `from`, folding committed revisions into the map; returns the committed end. */
    scanInto(from, tail) {
        let batch = [];
        const ids = this.scannedIds;
        const result = scanSegments(this.segments, from, {
            salt: this.salt,
            maxBody: this.maxBody,
            tail,
            onFrame: (buf, at, offset) => { batch.push({ ...frameStreamRevision(buf, at), offset }); },
            onCommit: () => {
                for (const { stream, revision, id, offset } of batch) {
                    if ((this.revisions.get(stream) ?? -1) < revision)
                        this.revisions.set(stream, revision);
                    if (id !== undefined && ids !== undefined)
                        ids.push({ stream, id, offset, revision });
                }
                batch = [];
            },
        });
        this.reader.damaged.push(...result.damaged);
        return result.end;
    }
    get end() {
        return this.reader.end;
    }
    get start() {
        return this.reader.start;
    }
    /** Offsets of damaged records found so far (on open, by refresh or by verify). */
    get damagedRanges() {
        return this.reader.damaged;
    }
    streamRevision(stream) {
        return this.revisions.get(stream);
    }
    /** Every stream with its last revision. */
    streams() {
        return this.revisions.entries();
    }
    onAppend(listener) {
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }
    // ---- appends -------------------------------------------------------------------------------
    append(stream, events, options = {}) {
        const list = Array.isArray(events) ? events : [events];
        return this.appendBatch([{ stream, events: list, expectedRevision: options.expectedRevision }]);
    }
    appendBatch(writes) {
        try {
            this.assertWritable();
            if (!Array.isArray(writes) || writes.length === 0)
                throw new SluiceError('EVENT_INVALID', { reason: 'an append needs at least one event' });
            const now = Date.now();
            let bytes = 0;
            const seenIds = new Set();
            const prepared = writes.map((write) => {
                assertStreamName(write.stream);
                assertExpectedRevision(write.expectedRevision);
                if (!Array.isArray(write.events) || write.events.length === 0) {
                    throw new SluiceError('EVENT_INVALID', { reason: `the write to ${write.stream} has no events` });
                }
                const events = write.events.map((event) => {
                    const p = prepareEvent(write.stream, event, now);
                    if (p.bodyBytes > this.maxBody)
                        throw new SluiceError('LOG_RECORD_TOO_LARGE', { size: p.bodyBytes, limit: this.maxBody });
                    if (p.id !== undefined) {
                        const key = `${write.stream}\n${p.id}`;
                        if (seenIds.has(key))
                            throw new SluiceError('EVENT_INVALID', { reason: `event id ${p.id} appears twice for stream ${write.stream} in one append` });
                        seenIds.add(key);
                    }
                    bytes += frameBytes(p.bodyBytes);
                    return p;
                });
                return { stream: write.stream, events, expectedRevision: write.expectedRevision };
            });
            return new Promise((resolve, reject) => {
                this.queue.push({ writes: prepared, bytes, resolve, reject });
                this.flushing ??= this.flushLoop();
            });
        }
        catch (err) {
            return Promise.reject(err);
        }
    }
    assertWritable() {
        if (this.closed || this.closing)
            throw new SluiceError('LOG_CLOSED');
        if (this.readOnly)
            throw new SluiceError('LOG_READ_ONLY');
        if (this.failure)
            throw new SluiceError('LOG_FAILED', { reason: this.failure.message });
    }
    async flushLoop() {
        try {
            while (this.queue.length > 0) {
                const round = this.queue;
                this.queue = [];
                const deferred = await this.commitRound(round);
                // Appends that repeat ids of an append accepted in the same round are judged once its ids are known.
                if (deferred.length > 0)
                    this.queue.unshift(...deferred);
            }
        }
        finally {
            this.flushing = undefined;
        }
    }
    /**
     * Whether `pending` repeats an earlier append: every event's id is in the index (the original result), or none is
     * (undefined). 'round' when an id was claimed earlier in this round. Anything in between is refused.
     */
    findRepeat(pending, roundIds) {
        const offsets = [];
        const revisions = [];
        let total = 0;
        let firstFound;
        for (const write of pending.writes) {
            for (const event of write.events) {
                total++;
                if (event.id === undefined)
                    continue;
                if (roundIds.has(`${write.stream}\n${event.id}`))
                    return 'round';
                const entry = this.ids.find(write.stream, event.id);
                if (entry === undefined)
                    continue;
                firstFound ??= { stream: write.stream, id: event.id, offset: entry.offset };
                offsets.push(entry.offset);
                revisions.push(entry.revision);
            }
        }
        if (firstFound === undefined)
            return undefined;
        if (offsets.length !== total)
            throw new SluiceError('EVENT_ID_REUSED', firstFound);
        return { offsets, revisions, lastOffset: offsets[offsets.length - 1], end: this.writtenEnd, duplicate: true };
    }
    /** One group commit: every queued append that passes its revision check, in one write and one sync. */
    async commitRound(round) {
        const deferred = [];
        if (this.failure) {
            for (const pending of round)
                pending.reject(new SluiceError('LOG_FAILED', { reason: this.failure.message }));
            return deferred;
        }
        const roundIds = new Set();
        const accepted = [];
        let bytes = 0;
        /** Each stream's revision before this round, restored if the round's write or sync fails. */
        const before = new Map();
        for (const pending of round) {
            const undo = new Map();
            try {
                const repeat = this.findRepeat(pending, roundIds);
                if (repeat === 'round') {
                    deferred.push(pending);
                    continue;
                }
                if (repeat !== undefined) {
                    pending.resolve(repeat);
                    continue;
                }
                const revisions = pending.writes.map((write) => {
                    const current = this.revisions.get(write.stream);
                    checkExpected(write.stream, write.expectedRevision, current);
                    if (!undo.has(write.stream))
                        undo.set(write.stream, current);
                    if (!before.has(write.stream))
                        before.set(write.stream, current);
                    const first = (current ?? -1) + 1;
                    if (first + write.events.length - 1 > MAX_REVISION)
                        throw new SluiceError('EVENT_INVALID', { reason: `stream ${write.stream} is full` });
                    this.revisions.set(write.stream, first + write.events.length - 1);
                    return write.events.map((_, i) => first + i);
                });
                accepted.push({ pending, revisions });
                bytes += pending.bytes;
                for (const write of pending.writes)
                    for (const event of write.events)
                        if (event.id !== undefined)
                            roundIds.add(`${write.stream}\n${event.id}`);
            }
            catch (err) {
                for (const [stream, revision] of undo) {
                    if (revision === undefined)
                        this.revisions.delete(stream);
                    else
                        this.revisions.set(stream, revision);
                }
                pending.reject(err);
            }
        }
        if (accepted.length === 0)
            return deferred;
        try {
            if (this.writtenEnd - this.activeSegment().base >= this.segmentBytes)
                await this.roll();
            const start = this.writtenEnd;
            const synced = this.mode === 'fsync' ? start : this.syncedEnd;
            const buf = Buffer.allocUnsafe(bytes);
            let pos = 0;
            const results = [];
            for (const { pending, revisions } of accepted) {
                const offsets = [];
                const flat = [];
                pending.writes.forEach((write, w) => {
                    const isLastWrite = w === pending.writes.length - 1;
                    write.events.forEach((event, e) => {
                        offsets.push(start + pos);
                        flat.push(revisions[w][e]);
                        const commit = isLastWrite && e === write.events.length - 1;
                        if (event.id !== undefined)
                            this.ids.add(write.stream, event.id, start + pos, revisions[w][e]);
                        pos += writeFrame(buf, pos, start + pos, this.salt, synced, event, revisions[w][e], commit);
                    });
                });
                results.push({ offsets, revisions: flat, lastOffset: offsets[offsets.length - 1], end: start + pos });
            }
            const active = this.activeSegment();
            active.file.write(buf, start - active.base);
            this.writtenEnd = start + bytes;
            if (this.mode === 'fsync') {
                await active.file.datasync();
                this.syncedEnd = this.writtenEnd;
            }
            else if (this.mode === 'batch') {
                this.scheduleBatchSync();
            }
            this.ids.evict(this.writtenEnd);
            this.publish(this.writtenEnd);
            accepted.forEach(({ pending }, i) => pending.resolve(results[i]));
        }
        catch (err) {
            // The outcome on disk is unknown (fsyncgate): stop writing; reopening recovers whatever is really there.
            this.failure = err;
            for (const [stream, revision] of before) {
                if (revision === undefined)
                    this.revisions.delete(stream);
                else
                    this.revisions.set(stream, revision);
            }
            for (const { pending } of accepted)
                pending.reject(new SluiceError('LOG_FAILED', { reason: err.message }, { cause: err }));
            for (const pending of deferred)
                pending.reject(new SluiceError('LOG_FAILED', { reason: err.message }, { cause: err }));
            return [];
        }
        // After the acknowledgements: a checkpoint is only a shortcut for the next open, so its failure fails no append.
        await this.maybeCheckpoint();
        return deferred;
    }
    activeSegment() {
        return this.segments[this.segments.length - 1];
    }
    /** Starts a new segment. The old one is synced first: recovery relies on only the last segment having a torn tail. */
    async roll() {
        await this.activeSegment().file.datasync();
        this.syncedEnd = this.writtenEnd;
        const base = this.writtenEnd;
        const file = this.fs.openFile(join(this.dir, segmentFileName(base)), 'write');
        await this.fs.syncDir(this.dir);
        this.segments.push({ base, file });
    }
    scheduleBatchSync() {
        if (this.batchTimer)
            return;
        this.batchTimer = setTimeout(() => {
            this.batchTimer = undefined;
            const target = this.writtenEnd;
            this.batchSync = this.activeSegment().file.datasync().then(() => { this.syncedEnd = Math.max(this.syncedEnd, target); }, (err) => { this.failure ??= err; });
        }, this.batchIntervalMs);
        this.batchTimer.unref();
    }
    /** Saves revisions once enough new log is durable; syncs first in the relaxed modes. */
    async maybeCheckpoint() {
        if (this.writtenEnd - this.checkpointedAt < this.checkpointBytes)
            return;
        await this.writeCheckpoint();
    }
    async writeCheckpoint() {
        const target = this.writtenEnd;
        if (this.syncedEnd < target) {
            try {
                await this.activeSegment().file.datasync();
            }
            catch (err) {
                this.failure ??= err; // a failed sync is never retried as if it had worked
                return;
            }
            this.syncedEnd = target;
        }
        try {
            await saveCheckpoint(this.fs, join(this.dir, CHECKPOINT_FILE), this.salt, target, this.revisions);
            this.checkpointedAt = target;
        }
        catch {
            // No checkpoint this time (e.g. out of file descriptors): the next one, or a longer scan on open, covers it.
        }
    }
    publish(end) {
        this.reader.end = end;
        for (const listener of this.listeners) {
            try {
                listener(end);
            }
            catch {
                /* a listener's failure is its own */
            }
        }
    }
    // ---- reads (see segment-reader.ts) --------------------------------------------------------
    read(offset) {
        return this.reader.read(offset);
    }
    readSync(offset) {
        return this.reader.readSync(offset);
    }
    readBatch(from, options) {
        return this.reader.readBatch(from, options);
    }
    visitFrames(from, options, visit) {
        return this.reader.visitFrames(from, options, visit);
    }
    readForward(from, options) {
        return this.reader.readForward(from, options);
    }
    readBackward(options) {
        return this.reader.readBackward(options);
    }
    async refresh() {
        if (!this.readOnly || this.closed)
            return this.reader.end;
        const bases = segmentBases(this.fs.list(this.dir));
        for (const base of bases) {
            if (this.segments.length === 0 || base > this.segments[this.segments.length - 1].base) {
                this.segments.push({ base, file: this.fs.openFile(join(this.dir, segmentFileName(base)), 'read') });
            }
        }
        if (this.segments.length === 0)
            return this.reader.end;
        const end = this.scanInto(this.reader.end, 'follow');
        if (end > this.reader.end) {
            this.writtenEnd = this.syncedEnd = end;
            this.publish(end);
        }
        return this.reader.end;
    }
    async verify() {
        this.reader.assertOpen();
        const started = Date.now();
        const streams = new Set();
        let records = 0;
        // A reader's end stops at the first bad frame of the last segment, so it scans to the files' end instead,
        // telling damage in acknowledged data from a writer's unfinished tail as recovery does.
        await this.refresh();
        const result = scanSegments(this.segments, this.start, {
            salt: this.salt,
            maxBody: this.maxBody,
            tail: this.readOnly ? 'recover' : 'verify',
            until: this.readOnly ? undefined : this.reader.end,
            onFrame: (buf, at) => {
                records++;
                streams.add(frameStreamRevision(buf, at).stream);
            },
        });
        for (const range of result.damaged) {
            if (!this.reader.damaged.some((known) => known.offset === range.offset))
                this.reader.damaged.push(range);
        }
        return { records, streams: streams.size, bytes: Math.max(result.end, this.reader.end) - this.start, damaged: result.damaged, ms: Date.now() - started };
    }
    async sync() {
        if (this.readOnly || this.closed || this.segments.length === 0)
            return;
        const target = this.writtenEnd;
        await this.activeSegment().file.datasync();
        this.syncedEnd = Math.max(this.syncedEnd, target);
    }
    /** Appends already accepted complete; appends after this call reject, so a busy writer cannot keep it open. */
    close() {
        this.closing ??= this.shutDown();
        return this.closing;
    }
    async shutDown() {
        while (this.flushing)
            await this.flushing;
        this.closed = this.reader.closed = true;
        if (this.batchTimer)
            clearTimeout(this.batchTimer);
        await this.batchSync;
        try {
            if (!this.readOnly && !this.failure)
                await this.writeCheckpoint();
        }
        finally {
            for (const segment of this.segments)
                segment.file.close();
            this.listeners.clear();
            this.lock?.release();
        }
    }
}
export function openFileLog(options) {
    return FileLog.open(options);
}
//# sourceMappingURL=file-log.js.map
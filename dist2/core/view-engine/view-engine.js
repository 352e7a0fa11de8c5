// The view engine: follows the log live, applies records to every view in batches, rebuilds views whose version
// changed or whose position is ahead of the log, answers queries, status and read-your-writes waits.
// Invariants: a view's position commits with its rows (see view-runner); a rebuild writes a new storage while the
// old one of the same version keeps serving, and takes over only once it has caught up with the log.
import { SluiceError } from '../errors.js';
import { silentLogger } from '../logger.js';
import { compileParams } from './query-validator.js';
import { activeKey, createStorage, readActive, readStorage, storageKey, writeStorage } from './view-meta.js';
import { planView } from './view-plan.js';
import { DEFAULT_BATCH_LIMITS, runRound } from './view-runner.js';
import { ViewSlot } from './view-slot.js';
import { ViewStorage } from './view-storage.js';
const OBSERVE_POLL_MS = 25;
export class SluiceViewEngine {
    slots = new Map();
    garbage = new Set();
    log;
    store;
    logger;
    mode;
    limits;
    builder;
    running;
    again = false;
    closed = false;
    /** Set when following the log failed outside any view (see halt); the views keep serving what they have. */
    halted;
    unsubscribe;
    constructor(options) {
        this.log = options.log;
        this.store = options.store;
        this.logger = options.logger ?? silentLogger;
        this.mode = options.mode ?? 'write';
        this.limits = { ...DEFAULT_BATCH_LIMITS, ...options.batch };
        this.builder = options.builder ?? `pid ${process.pid}`;
    }
    /** Registers the views, plans their storages (rebuilding where needed) and starts following the log. */
    open(defs) {
        for (const def of defs) {
            const validators = new Map(Object.entries(def.queries).map(([name, q]) => [name, compileParams(def.name, name, q.params)]));
            this.slots.set(def.name, new ViewSlot(def, validators));
        }
        if (this.mode === 'observe')
            return;
        for (const slot of this.slots.values())
            this.plan(slot);
        this.unsubscribe = this.log.onAppend(() => this.kick());
        this.kick();
    }
    plan(slot) {
        const { def } = slot;
        const plan = this.store.write(() => planView(this.store.meta, def.name, def.version, this.log, this.builder));
        if (plan.serving)
            slot.serving = new ViewStorage(def, plan.serving, this.store);
        if (plan.building)
            slot.startBuild(new ViewStorage(def, plan.building, this.store));
        if (plan.reason)
            this.logger.info({ view: def.name, version: def.version }, `rebuilding view ${def.name}: ${plan.reason}`);
        for (const meta of plan.drop)
            this.retire(new ViewStorage(def, meta, this.store));
    }
    // ---- following the log ---------------------------------------------------------------------
    kick() {
        if (this.closed || this.mode === 'observe')
            return;
        if (this.running) {
            this.again = true;
            return;
        }
        this.running = this.pump().finally(() => {
            this.running = undefined;
            if (this.again)
                this.kick();
        });
    }
    async pump() {
        while (!this.closed && this.halted === undefined) {
            this.again = false;
            this.completeBuilds();
            const storages = this.followers();
            if (!storages.some((s) => s.meta.next < this.log.end))
                return;
            let outcomes;
            try {
                outcomes = runRound(this.store, this.log, storages, this.limits);
            }
            catch (err) {
                this.halt(storages, err);
                return;
            }
            this.settle(outcomes);
            await new Promise((resolve) => setImmediate(resolve));
        }
    }
    /** A build with nothing left to apply (an empty log, or a log that ends where it stopped) is ready as it is. */
    completeBuilds() {
        for (const slot of this.slots.values()) {
            const building = slot.building;
            if (!building || building.meta.state !== 'building' || building.meta.next < this.log.end)
                continue;
            const row = this.store.write(() => {
                const stored = readStorage(this.store.meta, building.meta.view, building.build);
                if (stored === undefined || stored.state !== 'building' || stored.next !== building.meta.next)
                    return stored;
                const ready = { ...stored, state: 'ready', readyAt: Date.now() };
                writeStorage(this.store.meta, ready);
                return ready;
            });
            if (row === undefined)
                continue;
            building.meta = row;
            if (row.state === 'ready')
                this.promote(slot);
            this.wake(slot);
        }
    }
    followers() {
        const out = [];
        for (const slot of this.slots.values()) {
            if (slot.serving && slot.serving.meta.state !== 'failed')
                out.push(slot.serving);
            if (slot.building && slot.building.meta.state === 'building')
                out.push(slot.building);
        }
        return out;
    }
    /**
     * A failure outside any view's apply (a damaged log record, an LMDB error): stop following, keep serving what the
     * views have. Status carries the error; a restart tries again.
     */
    halt(storages, err) {
        const message = err instanceof Error ? err.message : String(err);
        this.logger.error({ err }, `views stopped following the log: ${message}`);
        const offset = Math.min(...storages.map((storage) => storage.meta.next));
        this.halted = { message: `views stopped following the log: ${message}`, offset };
        for (const slot of this.slots.values())
            this.wake(slot);
    }
    settle(outcomes) {
        for (const outcome of outcomes) {
            const slot = this.slots.get(outcome.storage.def.name);
            if (slot === undefined)
                continue;
            const { storage } = outcome;
            if (outcome.kind === 'failed') {
                this.logger.error({ view: slot.def.name, offset: outcome.meta.error?.offset, err: outcome.error }, `view ${slot.def.name} failed: ${outcome.meta.error?.message}`);
            }
            else if (outcome.kind === 'moved' && outcome.meta === undefined) {
                // Another process dropped this storage; start over rather than write into nothing.
                storage.dropped = true;
                if (slot.building === storage)
                    slot.building = undefined;
                if (slot.serving === storage)
                    slot.serving = undefined;
                if (!slot.serving && !slot.building)
                    this.newBuild(slot);
            }
            if (slot.building === storage && storage.meta.state === 'ready')
                this.promote(slot);
            this.wake(slot);
        }
    }
    /** Resolves waits the serving storage has reached; rejects them all when the view cannot get there. */
    wake(slot) {
        const serving = slot.usable();
        if (serving)
            slot.waiters.reached(serving.meta.position);
        const failure = slot.failure();
        if (failure && !serving)
            slot.waiters.rejectAll(failure);
    }
    promote(slot) {
        const { def } = slot;
        const building = slot.building;
        const previous = this.store.write(() => {
            const build = readActive(this.store.meta, def.name);
            this.store.meta.putSync(activeKey(def.name), building.build);
            return build === undefined ? undefined : readStorage(this.store.meta, def.name, build);
        });
        const old = slot.serving;
        slot.serving = building;
        slot.building = undefined;
        slot.buildStart = undefined;
        this.logger.info({ view: def.name, build: building.build }, `view ${def.name} is ready`);
        if (old)
            this.retire(old);
        // The storage an older version of the code left active; a newer version's is left for that code.
        if (previous && previous.build !== old?.build && previous.build !== building.build && previous.version < def.version) {
            this.retire(new ViewStorage(def, previous, this.store));
        }
    }
    newBuild(slot) {
        const meta = this.store.write(() => createStorage(this.store.meta, slot.def.name, slot.def.version, this.log.start, this.builder));
        slot.startBuild(new ViewStorage(slot.def, meta, this.store));
    }
    /** Drops a storage no longer needed, once no query reads it. */
    retire(storage) {
        this.garbage.add(storage);
        this.collect();
    }
    collect() {
        if (this.store.isClosed)
            return;
        for (const storage of this.garbage) {
            if (storage.inflight > 0)
                continue;
            this.garbage.delete(storage);
            storage.dropped = true;
            try {
                this.store.write(() => {
                    this.store.dropStorage(storage.id);
                    this.store.meta.removeSync(storageKey(storage.meta.view, storage.meta.build));
                });
            }
            catch (err) {
                this.logger.warn({ err, storage: storage.id }, `could not drop old view storage ${storage.id}; it is dropped on the next start`);
            }
        }
    }
    // ---- the ViewEngine API --------------------------------------------------------------------
    list() {
        return [...this.slots.values()].map(({ def }) => ({
            name: def.name,
            version: def.version,
            description: def.description,
            queries: Object.entries(def.queries).map(([name, q]) => ({ name, description: q.description, params: q.params })),
        }));
    }
    status() {
        return [...this.slots.keys()].map((name) => this.statusOf(name));
    }
    statusOf(view) {
        const slot = this.slotOf(view);
        if (this.mode === 'observe')
            slot.refresh(this.store);
        const status = slot.status(this.log);
        return this.halted && status.error === undefined ? { ...status, error: this.halted } : status;
    }
    async query(view, query, params) {
        const slot = this.slotOf(view);
        const def = slot.def.queries[query];
        const validate = slot.validators.get(query);
        if (def === undefined || validate === undefined)
            throw new SluiceError('VIEW_QUERY_NOT_FOUND', { view, query });
        const checked = validate(params);
        if (this.mode === 'observe')
            slot.refresh(this.store);
        const storage = slot.usable();
        if (storage === undefined)
            throw slot.unavailable(this.log);
        storage.inflight++;
        try {
            return await def.handler(checked, { dbs: storage.dbs, log: this.log, view });
        }
        finally {
            storage.inflight--;
            if (storage.inflight === 0 && this.garbage.has(storage))
                this.collect();
        }
    }
    async waitFor(view, offset, timeoutMs) {
        const slot = this.slotOf(view);
        if (!Number.isSafeInteger(offset) || offset < 0)
            throw new SluiceError('LOG_OFFSET_INVALID', { offset });
        const reached = () => {
            const storage = slot.usable();
            return storage !== undefined && storage.meta.position !== null && storage.meta.position >= offset;
        };
        if (this.mode === 'observe')
            return this.pollFor(slot, reached, offset, timeoutMs);
        if (reached())
            return;
        const failure = slot.failure();
        if (failure && !slot.usable())
            throw failure;
        if (this.closed)
            throw new SluiceError('LOG_CLOSED');
        return slot.waiters.wait(offset, timeoutMs, () => this.timeoutError(slot, offset, timeoutMs));
    }
    timeoutError(slot, offset, timeoutMs) {
        return new SluiceError('VIEW_WAIT_TIMEOUT', { view: slot.def.name, offset, timeout: timeoutMs, position: slot.usable()?.meta.position ?? 'none' });
    }
    /** Read-only stores see another process's commits only by reading again: LMDB has no cross-process notification. */
    async pollFor(slot, reached, offset, timeoutMs) {
        const deadline = Date.now() + timeoutMs;
        for (;;) {
            slot.refresh(this.store);
            if (reached())
                return;
            if (Date.now() >= deadline || this.closed)
                throw this.timeoutError(slot, offset, timeoutMs);
            await new Promise((resolve) => setTimeout(resolve, Math.min(OBSERVE_POLL_MS, Math.max(1, deadline - Date.now()))));
        }
    }
    async rebuild(view) {
        const slot = this.slotOf(view);
        if (this.mode === 'observe')
            throw new SluiceError('LOG_READ_ONLY');
        if (this.closed)
            throw new SluiceError('LOG_CLOSED');
        if (slot.building?.meta.state === 'building')
            return;
        if (slot.building)
            this.retire(slot.building);
        this.newBuild(slot);
        this.logger.info({ view, version: slot.def.version }, `rebuilding view ${view} on request`);
        this.wake(slot);
        this.kick();
    }
    /** Resolves once every view has applied everything in the log (or failed). */
    async idle() {
        this.kick();
        while (this.running)
            await this.running;
    }
    slotOf(view) {
        const slot = this.slots.get(view);
        if (slot === undefined)
            throw new SluiceError('VIEW_NOT_FOUND', { view });
        return slot;
    }
    /** The view's definition as this process loaded it (the offline reindex builds from it). */
    definitionOf(view) {
        return this.slotOf(view).def;
    }
    /** The storages of `view` (serving, then building): for tests, tools and the offline reindex. */
    storagesOf(view) {
        const slot = this.slotOf(view);
        return { serving: slot.serving, building: slot.building };
    }
    async close() {
        if (this.closed)
            return;
        this.closed = true;
        this.unsubscribe?.();
        while (this.running)
            await this.running;
        const closing = new SluiceError('LOG_CLOSED');
        for (const slot of this.slots.values())
            slot.waiters.rejectAll(closing);
    }
}
//# sourceMappingURL=view-engine.js.map
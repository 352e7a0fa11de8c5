// One view as the engine holds it: its definition, the storage that serves it, the build under way, and waiters.
// Derives what the outside sees: status, the storage that can answer, and the typed error when none can.
import { SluiceError } from '../errors.js';
import { listStorages, readActive, readStorage } from './view-meta.js';
import { ViewStorage } from './view-storage.js';
import { ViewWaiters } from './view-waiters.js';
export class ViewSlot {
    def;
    validators;
    serving;
    building;
    /** When and where the current build started in this process, for its ETA. */
    buildStart;
    waiters = new ViewWaiters();
    constructor(def, validators) {
        this.def = def;
        this.validators = validators;
    }
    startBuild(storage) {
        this.building = storage;
        this.buildStart = { at: Date.now(), next: storage.meta.next };
    }
    /** The storage that answers queries, if any. */
    usable() {
        const serving = this.serving;
        return serving && serving.meta.state !== 'failed' && !serving.dropped ? serving : undefined;
    }
    /** The typed error for a failure that stops the view (a failed build that is not being replaced); else undefined. */
    failure() {
        const failed = [this.building, this.serving].find((s) => s?.meta.state === 'failed');
        if (failed === undefined)
            return undefined;
        if (this.building && this.building !== failed && this.building.meta.state === 'building')
            return undefined;
        const error = failed.meta.error;
        return new SluiceError('VIEW_FAILED', { view: this.def.name, offset: error?.offset ?? null, reason: error?.message ?? 'unknown error' });
    }
    /** Why a query cannot be answered now: failed, or rebuilding with nothing to serve. */
    unavailable(log) {
        const failure = this.failure();
        if (failure)
            return failure;
        const { progress } = this.building ? this.progress(log, this.building) : { progress: 0 };
        return new SluiceError('VIEW_REBUILDING', { view: this.def.name, percent: Math.floor(progress * 100), progress });
    }
    progress(log, building) {
        const { start, end } = log;
        const next = building.meta.next;
        const progress = end > start ? Math.min(1, Math.max(0, (next - start) / (end - start))) : 1;
        const since = this.buildStart;
        let etaMs = null;
        if (since && next > since.next) {
            const perMs = (next - since.next) / Math.max(1, Date.now() - since.at);
            etaMs = Math.round(Math.max(0, end - next) / perMs);
        }
        return { progress, etaMs };
    }
    status(log) {
        const { serving, building, def } = this;
        const shown = serving ?? building;
        const lagBytes = shown ? Math.max(0, log.end - shown.meta.next) : log.end - log.start;
        const base = {
            name: def.name, version: def.version, position: shown?.meta.position ?? null,
            lagBytes, lagRecords: lagBytes === 0 ? 0 : null, serving: this.usable() !== undefined,
        };
        if (building && building.meta.state === 'building')
            return { ...base, state: 'rebuilding', ...this.progress(log, building) };
        const failure = this.failure();
        if (failure) {
            return { ...base, state: 'failed', progress: 0, etaMs: null, error: { message: failure.details.reason, offset: failure.details.offset } };
        }
        if (!serving)
            return { ...base, state: 'rebuilding', progress: 0, etaMs: null };
        return { ...base, state: 'ready', progress: 1, etaMs: null };
    }
    /** Read-only stores: re-read which storage serves the view and how far it and any build are. */
    refresh(store) {
        const { def } = this;
        const active = readActive(store.meta, def.name);
        const meta = active === undefined ? undefined : readStorage(store.meta, def.name, active);
        this.serving = meta && meta.version === def.version ? this.storageFor(this.serving, meta, store) : undefined;
        const floor = this.serving?.build ?? 0;
        const builds = listStorages(store.meta, def.name).filter((s) => s.version === def.version && s.build > floor && s.state !== 'ready');
        const latest = builds[builds.length - 1];
        this.building = latest ? this.storageFor(this.building, latest, store) : undefined;
    }
    storageFor(current, meta, store) {
        if (current && current.build === meta.build) {
            current.meta = meta;
            return current;
        }
        return new ViewStorage(this.def, meta, store);
    }
}
//# sourceMappingURL=view-slot.js.map
// One view as the engine holds it: its definition, the storage that serves it, the build under way, and waiters.
// Derives what the outside sees: status, the storage that can answer, and the typed error when none can.
import { SluiceError } from '../errors.js';
import type { EventLog, Offset } from '../log/event-log.js';
import type { RetentionFloor } from '../log/log-retention.js';
import type { ParamsValidator } from './query-validator.js';
import type { ViewStatus } from '../store-api.js';
import type { ViewDefinition } from './view-definition.js';
import { listStorages, readActive, readStorage, type StorageMeta } from './view-meta.js';
import { ViewStorage } from './view-storage.js';
import type { ViewStore } from './view-store.js';
import { unavailability } from './view-availability.js';
import { ViewWaiters } from './view-waiters.js';

/** What status reports beyond the ViewStatus contract. */
export interface EngineViewStatus extends ViewStatus {
  /** Whether queries answer now (true during a rebuild while the previous build of the same version serves). */
  readonly serving: boolean;
}

export class ViewSlot {
  serving: ViewStorage | undefined;
  building: ViewStorage | undefined;
  /** When and where the current build started in this process, for its ETA. */
  buildStart: { at: number; next: Offset } | undefined;
  readonly waiters = new ViewWaiters();

  constructor(readonly def: ViewDefinition, readonly validators: ReadonlyMap<string, ParamsValidator>) {}

  startBuild(storage: ViewStorage): void {
    this.building = storage;
    this.buildStart = { at: Date.now(), next: storage.meta.next };
  }

  /** The storage that answers queries, if any. */
  usable(): ViewStorage | undefined {
    const serving = this.serving;
    return serving && serving.meta.state !== 'failed' && !serving.dropped ? serving : undefined;
  }

  /**
   * The first offset this view has not folded yet in a storage that will go on folding (serving or building, not
   * failed): retention keeps the log from here on. Undefined when no such storage exists.
   */
  unfolded(): Offset | undefined {
    const live = [this.serving, this.building].filter((s) => s !== undefined && !s.dropped && s.meta.state !== 'failed');
    return live.length === 0 ? undefined : Math.min(...live.map((s) => s!.meta.next));
  }

  /** The typed error for a failure that stops the view (a failed build that is not being replaced); else undefined. */
  failure(): SluiceError | undefined {
    const failed = [this.building, this.serving].find((s) => s?.meta.state === 'failed');
    if (failed === undefined) return undefined;
    if (this.building && this.building !== failed && this.building.meta.state === 'building') return undefined;
    const error = failed.meta.error;
    return new SluiceError('VIEW_FAILED', { view: this.def.name, offset: error?.offset ?? null, reason: error?.message ?? 'unknown error' });
  }

  /** The storage a stall matters for (the one serving, else the build under way) when it is stalled at damage. */
  private stalledStorage(): ViewStorage | undefined {
    const shown = this.usable() ?? (this.building?.meta.state === 'building' ? this.building : undefined);
    return shown?.meta.stalled ? shown : undefined;
  }

  /** The typed error for a view stalled before a damaged record; else undefined. */
  stall(): SluiceError | undefined {
    const storage = this.stalledStorage();
    const stalled = storage?.meta.stalled;
    if (!stalled) return undefined;
    return new SluiceError('VIEW_STALLED', {
      view: this.def.name, offset: stalled.offset, reason: stalled.reason, position: storage.meta.position, stalled: { offset: stalled.offset, reason: stalled.reason },
    });
  }

  /** Why waits for a later offset can never be met: stalled, or failed with nothing serving. */
  waitBlocker(): SluiceError | undefined {
    return this.stall() ?? (this.usable() ? undefined : this.failure());
  }

  /** Why a query cannot be answered now (failed, or rebuilding with nothing to serve): see view-availability.ts. */
  unavailable(log: EventLog): SluiceError {
    return unavailability({ ...this.status(log), serving: false })!;
  }

  progress(log: EventLog, building: ViewStorage): { progress: number; etaMs: number | null } {
    const { start, end } = log;
    const next = building.meta.next;
    const progress = end > start ? Math.min(1, Math.max(0, (next - start) / (end - start))) : 1;
    const since = this.buildStart;
    let etaMs: number | null = null;
    if (since && next > since.next) {
      const perMs = (next - since.next) / Math.max(1, Date.now() - since.at);
      etaMs = Math.round(Math.max(0, end - next) / perMs);
    }
    return { progress, etaMs };
  }

  status(log: EventLog): EngineViewStatus {
    const { serving, building, def } = this;
    const shown = serving ?? building;
    const lagBytes = shown ? Math.max(0, log.end - shown.meta.next) : log.end - log.start;
    const skipped = shown?.meta.skipped;
    const base = {
      ...(skipped?.length ? { skipped } : {}),
      name: def.name, version: def.version, position: shown?.meta.position ?? null, from: shown?.meta.from ?? (shown ? 0 : log.start),
      lagBytes, lagRecords: lagBytes === 0 ? 0 : null, records: shown?.meta.records ?? 0, serving: this.usable() !== undefined,
      checksum: shown?.meta.checksum ?? null, rows: shown?.meta.rows ?? null,
    };
    const stalled = this.stalledStorage();
    if (stalled) {
      const { offset, reason } = stalled.meta.stalled!;
      const skipped = stalled.meta.skipped;
      return {
        ...base, state: 'stalled', ...(building === stalled ? this.progress(log, stalled) : { progress: 1 }), etaMs: null,
        error: { message: reason, offset }, ...(skipped?.length ? { skipped } : {}),
      };
    }
    if (building && building.meta.state === 'building') return { ...base, state: 'rebuilding', ...this.progress(log, building) };
    const failure = this.failure();
    if (failure) {
      return { ...base, state: 'failed', progress: 0, etaMs: null, error: { message: failure.details.reason as string, offset: failure.details.offset as Offset | null } };
    }
    if (!serving) return { ...base, state: 'rebuilding', progress: 0, etaMs: null };
    return { ...base, state: 'ready', progress: 1, etaMs: null };
  }

  /** Read-only stores: re-read which storage serves the view and how far it and any build are. */
  refresh(store: ViewStore): void {
    const { def } = this;
    const active = readActive(store.meta, def.name);
    const meta = active === undefined ? undefined : readStorage(store.meta, def.name, active);
    this.serving = meta && meta.version === def.version ? this.storageFor(this.serving, meta, store) : undefined;
    const floor = this.serving?.build ?? 0;
    const builds = listStorages(store.meta, def.name).filter((s) => s.version === def.version && s.build > floor && s.state !== 'ready');
    const latest = builds[builds.length - 1];
    this.building = latest ? this.storageFor(this.building, latest, store) : undefined;
  }

  private storageFor(current: ViewStorage | undefined, meta: StorageMeta, store: ViewStore): ViewStorage {
    if (current && current.build === meta.build) {
      current.meta = meta;
      return current;
    }
    return new ViewStorage(this.def, meta, store);
  }
}

/** Of `slots`, the one furthest behind among those that go on folding, with the first offset it has not folded. */
export function slowestFolder(slots: Iterable<ViewSlot>): RetentionFloor | undefined {
  let floor: RetentionFloor | undefined;
  for (const slot of slots) {
    const next = slot.unfolded();
    if (next !== undefined && (floor === undefined || next < floor.next)) floor = { view: slot.def.name, next };
  }
  return floor;
}

// The storages of a view over time: a new build, its promotion once it has caught up (the active build moves in one
// transaction), and retiring the storage it replaced, dropped once no query and no round uses it.
import type { EventLog } from '../log/event-log.js';
import type { Logger } from '../logger.js';
import { activeKey, createStorage, readActive, readStorage, storageKey } from './view-meta.js';
import type { ViewSlot } from './view-slot.js';
import { ViewStorage } from './view-storage.js';
import type { ViewStore } from './view-store.js';

export class StorageLifecycle {
  private readonly garbage = new Set<ViewStorage>();

  constructor(private readonly store: ViewStore, private readonly log: EventLog, private readonly logger: Logger, private readonly builder: string) {}

  promote(slot: ViewSlot): void {
    const { def } = slot;
    const building = slot.building!;
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
    if (old) this.retire(old);
    // The storage an older version of the code left active; a newer version's is left for that code.
    if (previous && previous.build !== old?.build && previous.build !== building.build && previous.version < def.version) {
      this.retire(new ViewStorage(def, previous, this.store));
    }
  }

  newBuild(slot: ViewSlot): void {
    const meta = this.store.write(() => createStorage(this.store.meta, slot.def.name, slot.def.version, this.log.start, this.builder));
    slot.startBuild(new ViewStorage(slot.def, meta, this.store));
  }

  /** Drops a storage no longer needed, once no query reads it. */
  retire(storage: ViewStorage): void {
    this.garbage.add(storage);
    this.collect();
  }

  collect(): void {
    if (this.store.isClosed) return;
    for (const storage of this.garbage) {
      if (storage.inflight > 0) continue;
      this.garbage.delete(storage);
      storage.dropped = true;
      try {
        this.store.write(() => {
          this.store.dropStorage(storage.id);
          this.store.meta.removeSync(storageKey(storage.meta.view, storage.meta.build));
        });
      } catch (err) {
        this.logger.warn({ err, storage: storage.id }, `could not drop old view storage ${storage.id}; it is dropped on the next start`);
      }
    }
  }

  /** A query or round let go of `storage`: drop it now if it was waiting for that. */
  released(storage: ViewStorage): void {
    if (storage.inflight === 0 && this.garbage.has(storage)) this.collect();
  }

  /** Drops what no longer waits for anyone (after a round). */
  sweep(): void {
    if (this.garbage.size > 0) this.collect();
  }
}

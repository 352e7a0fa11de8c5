// A throw-away build of one view in its own LMDB environment under `<dataDir>/views-scratch/`, beside the live views
// (same disk), for verification. It is applied by the same runner as live builds and removed when closed; a scratch
// folder whose process died (kill -9) is removed by the next verification.
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventLog, LogRecord, Offset } from '../log/event-log.js';
import type { ViewDefinition } from './view-definition.js';
import { createStorage } from './view-meta.js';
import { applyBatch, type BatchLimits, type Outcome } from './view-runner.js';
import { ViewStorage } from './view-storage.js';
import { ViewStore } from './view-store.js';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes scratch folders left by verifications whose process is gone. */
function sweep(parent: string): void {
  for (const name of readdirSync(parent)) {
    const pid = Number(/^verify-(\d+)-/.exec(name)?.[1]);
    if (Number.isSafeInteger(pid) && pid !== process.pid && !alive(pid)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}

export class ScratchBuild {
  private constructor(readonly dir: string, readonly store: ViewStore, public storage: ViewStorage) {}

  /** `parent`: the scratch folder (`<dataDir>/views-scratch`). */
  static open(parent: string, def: ViewDefinition, log: EventLog): ScratchBuild {
    mkdirSync(parent, { recursive: true });
    sweep(parent);
    const dir = mkdtempSync(join(parent, `verify-${process.pid}-`));
    try {
      const store = ViewStore.open(dir, { scratch: true });
      const meta = store.write(() => createStorage(store.meta, def.name, def.version, log.start, `verify pid ${process.pid}`, 'running'));
      return new ScratchBuild(dir, store, new ViewStorage(def, meta, store));
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  get next(): Offset {
    return this.storage.meta.next;
  }

  /** Applies `records` (which must start at `next`) in one transaction. */
  apply(records: readonly LogRecord[]): Outcome {
    const outcome = applyBatch(this.store, [this.storage], { records, next: records[records.length - 1]!.next }, Infinity)[0]!;
    if (outcome.meta !== undefined) this.storage.meta = outcome.meta;
    return outcome;
  }

  /**
   * Applies every record from `next` up to (not including) the record at `until`, at most `limits` per transaction;
   * stops at the first failure and returns it. Yields to the event loop between transactions.
   */
  async applyUntil(log: EventLog, until: Offset, limits: BatchLimits, onBatch?: () => void, signal?: AbortSignal): Promise<Outcome | undefined> {
    while (this.next < until && !signal?.aborted) {
      const batch = log.readBatch(this.next, { limit: limits.records, maxBytes: limits.bytes });
      const records = batch.records.filter((r) => r.offset < until);
      if (records.length === 0) break;
      const outcome = this.apply(records);
      if (outcome.kind !== 'applied') return outcome;
      onBatch?.();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return undefined;
  }

  async close(): Promise<void> {
    try {
      await this.store.close();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

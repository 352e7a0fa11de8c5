// Views repaired after an erasure by rebuilding them into a fresh LMDB environment and swapping it in. A fresh
// environment never held the erased payloads, so no page of it (used or free) can: LMDB does not zero the pages it
// frees, which is why repairing the old environment in place would not do. The old environment keeps serving while
// the new one catches up; the swap itself is two renames in the data directory.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { EventLog } from '../core/log/event-log.js';
import type { Logger } from '../core/logger.js';
import type { BatchLimits } from '../core/view-engine/view-runner.js';
import { SluiceViewEngine, type ViewEngineSettings } from '../core/view-engine/view-engine.js';
import type { ViewDefinition } from '../core/view-engine/view-definition.js';
import { ViewStore } from '../core/view-engine/view-store.js';
import { syncDirectory } from './sync-directory.js';

export const VIEWS_DIR = 'views';
const NEXT_DIR = 'views.next';
const OLD_DIR = 'views.old';
/** The background rebuild runs in small transactions, so appends and queries keep their turn on the event loop. */
const FRESH_BATCH = { records: 256, bytes: 128 * 1024 };

/** What the store's view engine was built from (its container's Log, Logger and ViewEngineSettings). */
export interface ViewsSetup {
  readonly log: EventLog;
  readonly logger: Logger;
  readonly settings: ViewEngineSettings;
}

export interface OpenViews {
  readonly store: ViewStore;
  readonly engine: SluiceViewEngine;
}

/** Opens the views environment at `dir` and an engine over it that follows the log. */
export function openViews(dir: string, setup: ViewsSetup, defs: readonly ViewDefinition[], batch: Partial<BatchLimits> | undefined = setup.settings.batch): OpenViews {
  const store = ViewStore.open(dir, { writer: true });
  const engine = new SluiceViewEngine(setup.log, store, setup.logger, { ...setup.settings, mode: 'write', batch });
  try {
    engine.open(defs);
  } catch (err) {
    void store.close();
    throw err;
  }
  return { store, engine };
}

/**
 * On a writer's open, with an erasure journal pending (a crash before its views were repaired): the views
 * environment, and any half-built replacement, are deleted whole, so every view rebuilds from the erased log.
 */
export async function discardViews(dataDir: string): Promise<void> {
  for (const dir of [NEXT_DIR, OLD_DIR, VIEWS_DIR]) rmSync(join(dataDir, dir), { recursive: true, force: true });
  await syncDirectory(dataDir);
}

/**
 * Builds every view of `defs` from the whole log into `<data>/views.next` and waits until it has caught up.
 * `swap` then closes the serving views (through `closeCurrent`) and renames the new environment into place.
 */
export async function buildFreshViews(dataDir: string, setup: ViewsSetup, defs: readonly ViewDefinition[]): Promise<{ swap(closeCurrent: () => Promise<void>): Promise<OpenViews> }> {
  const next = join(dataDir, NEXT_DIR);
  rmSync(next, { recursive: true, force: true });
  const fresh = openViews(next, setup, defs, { ...FRESH_BATCH, ...setup.settings.batch });
  try {
    await fresh.engine.idle();
  } catch (err) {
    await fresh.engine.close();
    await fresh.store.close();
    throw err;
  }
  return {
    async swap(closeCurrent) {
      // Closed first, so nothing of the fresh build is left unsynced and no transaction runs while it moves.
      await fresh.engine.close();
      await fresh.store.close();
      await closeCurrent();
      const current = join(dataDir, VIEWS_DIR);
      const old = join(dataDir, OLD_DIR);
      rmSync(old, { recursive: true, force: true });
      if (existsSync(current)) renameSync(current, old);
      renameSync(next, current);
      await syncDirectory(dataDir);
      rmSync(old, { recursive: true, force: true });
      await syncDirectory(dataDir);
      return openViews(current, setup, defs);
    },
  };
}

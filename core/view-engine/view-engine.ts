// The view engine: follows the log live, applies records to every view in batches, rebuilds views whose version
// changed or whose position is ahead of the log, answers queries, status and read-your-writes waits.
// Invariants: a view's position commits with its rows (see view-runner); a rebuild writes a new storage while the
// old one of the same version keeps serving, and takes over only once it has caught up with the log.
import { inject, injectable } from '../di.js';
import { SluiceError } from '../errors.js';
import type { EventLog, Offset } from '../log/event-log.js';
import type { RetentionFloor } from '../log/log-retention.js';
import type { Logger } from '../logger.js';
import { TOKENS } from '../tokens.js';
import { FollowHalt } from './follow-halt.js';
import { compileParams } from './query-validator.js';
import { DEFAULT_AFTER_TIMEOUT_MS, type QueryAnswer, type QueryFreshness, type ViewDescriptor, type ViewEngine, type VerifyRunOptions } from '../store-api.js';
import { assertAnswers } from './view-availability.js';
import { checkDeterminism, type DeterminismReport } from './view-determinism.js';
import { verifyView, type VerifyReport } from './view-verify.js';
import type { ViewDefinition } from './view-definition.js';
import { planView } from './view-plan.js';
import { InlineRounds, type RoundRunner, type RoundRunnerFactory } from './round-runner.js';
import { completeBuild, DEFAULT_BATCH_LIMITS, type BatchLimits, type Outcome } from './view-runner.js';
import { slowestFolder, ViewSlot, type EngineViewStatus } from './view-slot.js';
import { StorageLifecycle } from './storage-lifecycle.js';
import { allowSkipping, logDamage } from './view-damage.js';
import { ViewStorage } from './view-storage.js';
import { pollUntil } from './view-waiters.js';
import { DEFAULT_PACE, RoundPacer, type PaceSettings } from './round-pacer.js';
import type { ViewStore } from './view-store.js';

export type { EngineViewStatus } from './view-slot.js';

/** How an engine runs; registered under TOKENS.ViewEngineSettings. */
export interface ViewEngineSettings {
  /** `write` follows the log and writes views; `observe` only reads what another process writes (read-only stores). */
  readonly mode?: 'write' | 'observe';
  readonly batch?: Partial<BatchLimits>;
  /** Recorded in the meta of builds this engine starts. */
  readonly builder?: string;
  /** Views pass over damaged log records (listing each range in their status) instead of stalling (view-damage.ts). */
  readonly skipDamaged?: boolean;
  /** Where rounds run (round-runner.ts); default inline, on the engine's own thread. */
  readonly rounds?: RoundRunnerFactory;
  /** The pause after a small round (round-pacer.ts). */
  readonly pace?: Partial<PaceSettings>;
}

/** Verification batches: small enough that a server verifying in-process keeps answering between them. */
const VERIFY_BATCH = { records: 1024, bytes: 1024 * 1024 };

@injectable()
export class SluiceViewEngine implements ViewEngine {
  private readonly slots = new Map<string, ViewSlot>();
  private readonly mode: 'write' | 'observe';
  private readonly limits: BatchLimits;
  private readonly builder: string;
  private readonly skipAll: boolean;
  private running: Promise<void> | undefined;
  private again = false;
  private closed = false;
  /** Set when following the log failed outside any view (see halt); the views keep serving what they have. */
  private readonly halt: FollowHalt;
  private readonly lifecycle: StorageLifecycle;
  private unsubscribe: (() => void) | undefined;
  private rounds: RoundRunner;
  private readonly roundsFactory: RoundRunnerFactory | undefined;
  private readonly pacer: RoundPacer;
  /** Callers of `idle()` waiting now. */
  private draining = 0;

  constructor(
    @inject(TOKENS.Log) private readonly log: EventLog,
    @inject(TOKENS.ViewStore) private readonly store: ViewStore,
    @inject(TOKENS.Logger) private readonly logger: Logger,
    @inject(TOKENS.ViewEngineSettings) options: ViewEngineSettings = {},
  ) {
    this.mode = options.mode ?? 'write';
    this.limits = { ...DEFAULT_BATCH_LIMITS, ...options.batch };
    this.builder = options.builder ?? `pid ${process.pid}`;
    this.skipAll = options.skipDamaged === true;
    this.halt = new FollowHalt(store.path, logger, () => this.kick());
    this.lifecycle = new StorageLifecycle(store, log, logger, this.builder);
    this.rounds = new InlineRounds(store, log);
    this.roundsFactory = options.rounds;
    this.pacer = new RoundPacer({ ...DEFAULT_PACE, ...options.pace });
  }

  /** Registers the views, plans their storages (rebuilding where needed) and starts following the log. */
  open(defs: readonly ViewDefinition[]): void {
    for (const def of defs) {
      const validators = new Map(Object.entries(def.queries).map(([name, q]) => [name, compileParams(def.name, name, q.params)]));
      this.slots.set(def.name, new ViewSlot(def, validators));
    }
    if (this.mode === 'observe') return;
    if (this.roundsFactory) this.rounds = this.roundsFactory(this.store, this.log, defs, this.rounds);
    for (const slot of this.slots.values()) this.plan(slot);
    this.unsubscribe = this.log.onAppend(() => this.kick());
    this.kick();
  }

  private plan(slot: ViewSlot): void {
    const { def } = slot;
    const plan = this.store.write(() => planView(this.store.meta, def.name, def.version, this.log, this.builder));
    if (plan.serving) slot.serving = new ViewStorage(def, plan.serving, this.store);
    if (plan.building) slot.startBuild(new ViewStorage(def, plan.building, this.store));
    if (plan.reason) this.logger.info({ view: def.name, version: def.version }, `rebuilding view ${def.name}: ${plan.reason}`);
    for (const meta of plan.drop) this.lifecycle.retire(new ViewStorage(def, meta, this.store));
  }

  // ---- following the log ---------------------------------------------------------------------

  private kick(): void {
    if (this.closed || this.mode === 'observe') return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.pump().finally(() => {
      this.running = undefined;
      if (this.again) this.kick();
    });
  }

  private async pump(): Promise<void> {
    while (!this.closed && this.halt.reason === undefined) {
      this.again = false;
      let outcomes: Outcome[];
      try {
        this.completeBuilds();
        const storages = this.followers();
        if (!storages.some((s) => s.meta.next < this.log.end && !s.stuck)) return;
        outcomes = await this.round(storages);
      } catch (err) {
        this.halt.halt(err, Math.min(this.log.end, ...this.followers().map((storage) => storage.meta.next)));
        for (const slot of this.slots.values()) this.wake(slot);
        return;
      }
      this.halt.committed();
      this.settle(outcomes);
      await this.pacer.after(Math.max(0, ...outcomes.map((o) => (o.kind === 'applied' ? o.records : 0))), this.someoneWaits());
    }
  }

  /** A read-your-writes wait, `idle()` or `close()` is pending: rounds follow each other without a pause. */
  private someoneWaits(): boolean {
    if (this.closed || this.draining > 0) return true;
    for (const slot of this.slots.values()) if (slot.waiters.size > 0) return true;
    return false;
  }

  /** One round; its storages count as in use meanwhile, so none is dropped under a round running elsewhere. */
  private async round(storages: readonly ViewStorage[]): Promise<Outcome[]> {
    for (const storage of storages) storage.inflight++;
    try {
      return await this.rounds.run(storages, this.limits, this.skipAll);
    } finally {
      for (const storage of storages) storage.inflight--;
      this.lifecycle.sweep();
    }
  }

  /** A build with nothing left to apply (an empty log, or a log that ends where it stopped) is ready as it is. */
  private completeBuilds(): void {
    for (const slot of this.slots.values()) {
      const building = slot.building;
      if (!building || building.meta.state !== 'building' || building.meta.next < this.log.end) continue;
      const row = completeBuild(this.store, building);
      if (row === undefined) continue;
      building.meta = row;
      if (row.state === 'ready') this.lifecycle.promote(slot);
      this.wake(slot);
    }
  }

  private followers(): ViewStorage[] {
    const out: ViewStorage[] = [];
    for (const slot of this.slots.values()) {
      if (slot.serving && slot.serving.meta.state !== 'failed') out.push(slot.serving);
      if (slot.building && slot.building.meta.state === 'building') out.push(slot.building);
    }
    return out;
  }

  private settle(outcomes: readonly Outcome[]): void {
    for (const outcome of outcomes) {
      const slot = this.slots.get(outcome.storage.def.name);
      if (slot === undefined) continue;
      const { storage } = outcome;
      if (outcome.kind === 'failed') {
        this.logger.error({ view: slot.def.name, offset: outcome.meta.error?.offset, err: outcome.error }, `view ${slot.def.name} failed: ${outcome.meta.error?.message}`);
      } else if (outcome.kind === 'stalled' || outcome.kind === 'skipped') {
        logDamage(this.logger, slot.def.name, outcome.kind, outcome.span);
      } else if (outcome.kind === 'moved' && outcome.meta === undefined) {
        // Another process dropped this storage; start over rather than write into nothing.
        storage.dropped = true;
        if (slot.building === storage) slot.building = undefined;
        if (slot.serving === storage) slot.serving = undefined;
        if (!slot.serving && !slot.building) this.lifecycle.newBuild(slot);
      }
      if (slot.building === storage && storage.meta.state === 'ready') this.lifecycle.promote(slot);
      this.wake(slot);
    }
  }

  /** Resolves waits the serving storage has reached; rejects them all when the view cannot get there. */
  private wake(slot: ViewSlot): void {
    const serving = slot.usable();
    if (serving) slot.waiters.reached(serving.meta.position);
    const blocker = slot.waitBlocker();
    if (blocker) slot.waiters.rejectAll(blocker);
  }

  // ---- the ViewEngine API --------------------------------------------------------------------

  list(): ViewDescriptor[] {
    return [...this.slots.values()].map(({ def }) => ({
      name: def.name,
      version: def.version,
      description: def.description,
      queries: Object.entries(def.queries).map(([name, q]) => ({ name, description: q.description, params: q.params })),
    }));
  }

  status(): EngineViewStatus[] {
    return [...this.slots.keys()].map((name) => this.statusOf(name));
  }

  statusOf(view: string): EngineViewStatus {
    const slot = this.slotOf(view);
    if (this.mode === 'observe') slot.refresh(this.store);
    const status = slot.status(this.log);
    const halted = this.halt.reason;
    return halted && status.error === undefined ? { ...status, error: halted } : status;
  }

  async query(view: string, query: string, params: Record<string, unknown>, freshness?: QueryFreshness): Promise<unknown> {
    return (await this.answer(view, query, params, freshness)).result;
  }

  async answer(view: string, query: string, params: Record<string, unknown>, freshness: QueryFreshness = {}): Promise<QueryAnswer> {
    const slot = this.slotOf(view);
    const def = slot.def.queries[query];
    const validate = slot.validators.get(query);
    if (def === undefined || validate === undefined) throw new SluiceError('VIEW_QUERY_NOT_FOUND', { view, query });
    const checked = validate(params);
    assertAnswers(this.statusOf(view));
    if (freshness.after !== undefined) await this.waitFor(view, freshness.after, freshness.timeoutMs ?? DEFAULT_AFTER_TIMEOUT_MS);
    const status = this.statusOf(view);
    assertAnswers(status);
    const storage = slot.usable();
    if (storage === undefined) throw slot.unavailable(this.log);
    storage.inflight++;
    try {
      return { result: await def.handler(checked, { dbs: storage.dbs, log: this.log, view }), position: status.position };
    } finally {
      storage.inflight--;
      this.lifecycle.released(storage);
    }
  }

  async waitFor(view: string, offset: Offset, timeoutMs: number): Promise<void> {
    const slot = this.slotOf(view);
    if (!Number.isSafeInteger(offset) || offset < 0) throw new SluiceError('LOG_OFFSET_INVALID', { offset });
    if (this.closed) throw new SluiceError('LOG_CLOSED');
    // Waiting for a record nobody appended yet would only ever time out; an offset inside a record never matches one.
    if (this.mode === 'observe') await this.log.refresh();
    if (offset >= this.log.end) throw new SluiceError('LOG_OFFSET_PAST_END', { offset, end: this.log.end });
    this.log.readSync(offset);
    const reached = (): boolean => {
      const storage = slot.usable();
      return storage !== undefined && storage.meta.position !== null && storage.meta.position >= offset;
    };
    const timeout = (): SluiceError => this.timeoutError(slot, offset, timeoutMs);
    if (this.mode === 'observe') return pollUntil(() => slot.refresh(this.store), reached, () => this.closed, timeoutMs, timeout);
    if (reached()) return;
    const blocker = slot.waitBlocker();
    if (blocker) throw blocker;
    const waiting = slot.waiters.wait(offset, timeoutMs, timeout);
    this.pacer.hurry();
    return waiting;
  }

  private timeoutError(slot: ViewSlot, offset: Offset, timeoutMs: number): SluiceError {
    return new SluiceError('VIEW_WAIT_TIMEOUT', { view: slot.def.name, offset, timeout: timeoutMs, position: slot.usable()?.meta.position ?? 'none' });
  }

  async skipDamaged(view: string): Promise<EngineViewStatus> {
    const slot = this.slotOf(view);
    if (this.mode === 'observe') throw new SluiceError('LOG_READ_ONLY');
    allowSkipping(this.store, [slot.serving, slot.building].filter((s): s is ViewStorage => s !== undefined && !s.dropped));
    this.logger.warn({ view }, `view ${view} may pass over damaged log records (on request)`);
    this.kick(); // its first round runs now: a stalled build is past the damage when this returns
    return this.statusOf(view);
  }

  async rebuild(view: string): Promise<void> {
    const slot = this.slotOf(view);
    if (this.mode === 'observe') throw new SluiceError('LOG_READ_ONLY');
    if (this.closed) throw new SluiceError('LOG_CLOSED');
    if (slot.building?.meta.state === 'building') return;
    if (slot.building) this.lifecycle.retire(slot.building);
    this.lifecycle.newBuild(slot);
    this.logger.info({ view, version: slot.def.version }, `rebuilding view ${view} on request`);
    this.wake(slot);
    this.kick();
  }

  async verify(view: string, options: VerifyRunOptions = {}): Promise<VerifyReport> {
    const def = this.slotOf(view).def;
    if (this.closed) throw new SluiceError('LOG_CLOSED');
    return verifyView({ log: this.log, store: this.store, def, scratchDir: this.scratchDir, batch: VERIFY_BATCH, ...options });
  }

  async checkDeterminism(view: string, options: VerifyRunOptions = {}): Promise<DeterminismReport> {
    const def = this.slotOf(view).def;
    if (this.closed) throw new SluiceError('LOG_CLOSED');
    return checkDeterminism({ log: this.log, def, scratchDir: this.scratchDir, ...options });
  }

  /** Scratch environments for verification go beside the views': `<dataDir>/views-scratch`. */
  private get scratchDir(): string {
    return `${this.store.path}-scratch`;
  }

  /** Resolves once every view has applied everything in the log (or failed). */
  async idle(): Promise<void> {
    this.draining++;
    this.pacer.hurry();
    try {
      this.kick();
      while (this.running) await this.running;
    } finally {
      this.draining--;
    }
  }

  private slotOf(view: string): ViewSlot {
    const slot = this.slots.get(view);
    if (slot === undefined) throw new SluiceError('VIEW_NOT_FOUND', { view });
    return slot;
  }

  /** The slowest view that goes on folding and the first offset it has not folded: retention keeps the log from there. */
  retentionFloor(): RetentionFloor | undefined {
    return slowestFolder(this.slots.values());
  }

  /** The view's definition as this process loaded it (the offline reindex builds from it). */
  definitionOf(view: string): ViewDefinition {
    return this.slotOf(view).def;
  }

  /** The storages of `view` (serving, then building): for tests, tools and the offline reindex. */
  storagesOf(view: string): { serving: ViewStorage | undefined; building: ViewStorage | undefined } {
    const slot = this.slotOf(view);
    return { serving: slot.serving, building: slot.building };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.halt.close();
    this.unsubscribe?.();
    this.pacer.hurry();
    while (this.running) await this.running;
    await this.rounds.close();
    const closing = new SluiceError('LOG_CLOSED');
    for (const slot of this.slots.values()) slot.waiters.rejectAll(closing);
  }
}

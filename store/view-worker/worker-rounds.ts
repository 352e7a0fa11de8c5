// The engine's side of the round worker (round-worker.ts): each round is posted with the storages' meta rows and
// the log end this thread saw; the outcomes come back onto this thread's storages. Where the worker cannot load
// the same views (a plugin object instead of a module, a view class that needs this thread's services) or dies,
// rounds run inline again, and the reason is logged once.
import { Worker } from 'node:worker_threads';
import type { EventLog } from '../../core/log/event-log.js';
import type { Logger } from '../../core/logger.js';
import type { RoundRunner, RoundRunnerFactory } from '../../core/view-engine/round-runner.js';
import type { BatchLimits, Outcome } from '../../core/view-engine/view-runner.js';
import type { ViewStorage } from '../../core/view-engine/view-storage.js';
import type { ViewStore } from '../../core/view-engine/view-store.js';
import { fromWireError, fromWireOutcome, type RoundRequest, type RoundWorkerSetup, type WorkerMessage } from './round-messages.js';

const WORKER = new URL('./round-worker.js', import.meta.url);

/** What the worker needs to load the same views as the engine: everything but the views' path and flags. */
export type RoundWorkerSource = Omit<RoundWorkerSetup, 'viewsPath' | 'noSync'>;

export function workerRounds(source: RoundWorkerSource, logger: Logger): RoundRunnerFactory {
  return (store, log, _defs, inline) => new WorkerRounds({ ...source, viewsPath: store.path, noSync: store.unsynced }, store, log, inline, logger);
}

interface Pending {
  readonly resolve: (message: WorkerMessage) => void;
  readonly reject: (err: Error) => void;
}

class WorkerRounds implements RoundRunner {
  private readonly worker: Worker;
  private readonly ready: Promise<boolean>;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private gone: string | undefined;
  private closed: Promise<void> | undefined;

  constructor(setup: RoundWorkerSetup, private readonly store: ViewStore, private readonly log: EventLog, private readonly inline: RoundRunner, private readonly logger: Logger) {
    this.worker = new Worker(WORKER, { workerData: setup });
    // Like the LMDB environment it serves, the worker does not keep the process alive by itself.
    this.worker.unref();
    this.ready = new Promise<boolean>((resolve) => {
      this.worker.once('message', (first: WorkerMessage) => {
        if (first.kind === 'ready') return resolve(true);
        this.fallBack(first.kind === 'unavailable' ? first.reason : `it said ${first.kind} first`);
        resolve(false);
      });
      this.worker.once('exit', () => resolve(false));
    });
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.kind !== 'round' && message.kind !== 'failed') return;
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      waiter?.resolve(message);
    });
    this.worker.on('error', (err) => this.fallBack(`it failed: ${err.message}`, err));
    this.worker.on('exit', (code) => this.fallBack(`it exited with code ${code}`));
  }

  /** From now on rounds run inline; a round in flight in the worker fails (the engine's follow-halt logic takes it). */
  private fallBack(reason: string, err?: Error): void {
    if (this.gone !== undefined) return;
    this.gone = reason;
    if (this.closed === undefined) this.logger.warn({ err }, `view rounds run on the main thread: the round worker is not available (${reason})`);
    for (const waiter of this.pending.values()) waiter.reject(err ?? new Error(`the view round worker stopped: ${reason}`));
    this.pending.clear();
  }

  async run(storages: readonly ViewStorage[], limits: BatchLimits, skipDamaged: boolean): Promise<Outcome[]> {
    if (!(await this.ready) || this.gone !== undefined) return this.inline.run(storages, limits, skipDamaged);
    const request: RoundRequest = {
      kind: 'round', id: this.nextId++, logEnd: this.log.end, limits, skipDamaged,
      storages: storages.map((s) => ({ view: s.def.name, meta: s.meta, stuck: s.stuck, dropped: s.dropped })),
    };
    let reply: WorkerMessage;
    try {
      reply = await new Promise<WorkerMessage>((resolve, reject) => {
        this.pending.set(request.id, { resolve, reject });
        this.worker.postMessage(request);
      });
    } catch (err) {
      // The worker stopped between its transactions (a round in flight there has not begun one, or it ended whole):
      // the inline round's compare-and-set tells which (a storage it moved reloads).
      if (this.gone !== undefined && this.closed === undefined) return this.inline.run(storages, limits, skipDamaged);
      throw err;
    }
    // Queries on this thread must see what the worker committed, even later in this same event-loop turn.
    this.store.readFresh();
    if (reply.kind === 'failed') throw fromWireError(reply.error);
    if (reply.kind !== 'round') throw new Error(`the view round worker answered ${reply.kind}`);
    return reply.outcomes.map((outcome) => fromWireOutcome(outcome, storages));
  }

  close(): Promise<void> {
    this.closed ??= (async () => {
      if (await this.ready && this.gone === undefined) {
        const closed = new Promise<void>((resolve) => this.worker.on('message', (m: WorkerMessage) => m.kind === 'closed' && resolve()));
        this.worker.postMessage({ kind: 'close' });
        await Promise.race([closed, new Promise((resolve) => this.worker.once('exit', resolve))]);
      }
      await this.worker.terminate();
    })();
    return this.closed;
  }
}

// What the view engine and its round worker say to each other: plain, structured-clonable objects. A storage
// travels as its view name and meta row; an outcome names its storage by position in the request.
import type { DamagedSpan } from '../../core/log/damage-span.js';
import type { Offset } from '../../core/log/event-log.js';
import type { BatchLimits, Outcome } from '../../core/view-engine/view-runner.js';
import type { StorageMeta } from '../../core/view-engine/view-meta.js';
import type { ViewStorage } from '../../core/view-engine/view-storage.js';

/** What the worker is started with (`workerData`). */
export interface RoundWorkerSetup {
  readonly dataDir: string;
  readonly logDir: string;
  readonly viewsPath: string;
  readonly noSync: boolean;
  readonly plugins: readonly string[];
  readonly pluginBaseDir: string | undefined;
  readonly firstPartyViews: boolean;
  /** `name@version` of every view the engine loaded: the worker must load the same. */
  readonly views: readonly string[];
}

export interface StorageInRound {
  readonly view: string;
  readonly meta: StorageMeta;
  readonly stuck: boolean;
  readonly dropped: boolean;
}

export interface RoundRequest {
  readonly kind: 'round';
  readonly id: number;
  /** The log's end as the engine's thread saw it: nothing past it is applied (it may not be durable yet). */
  readonly logEnd: Offset;
  readonly limits: BatchLimits;
  readonly skipDamaged: boolean;
  readonly storages: readonly StorageInRound[];
}

export interface CloseRequest {
  readonly kind: 'close';
}

export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  readonly code?: unknown;
  readonly errno?: unknown;
  readonly syscall?: unknown;
  readonly details?: unknown;
}

export interface WireOutcome {
  readonly kind: Outcome['kind'];
  readonly storage: number;
  readonly meta: StorageMeta | undefined;
  readonly records?: number;
  readonly error?: WireError;
  readonly span?: DamagedSpan;
}

export type WorkerMessage =
  | { readonly kind: 'ready' }
  | { readonly kind: 'unavailable'; readonly reason: string }
  | { readonly kind: 'round'; readonly id: number; readonly outcomes: readonly WireOutcome[] }
  | { readonly kind: 'failed'; readonly id: number; readonly error: WireError }
  | { readonly kind: 'closed' };

export function toWireError(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const fields = err as Error & { code?: unknown; errno?: unknown; syscall?: unknown; details?: unknown };
  return { name: err.name, message: err.message, stack: err.stack, code: fields.code, errno: fields.errno, syscall: fields.syscall, details: fields.details };
}

/** The error again, with what callers look at (message, code, errno) where they look for it. */
export function fromWireError(wire: WireError): Error {
  const err = new Error(wire.message);
  err.name = wire.name;
  if (wire.stack !== undefined) err.stack = wire.stack;
  for (const key of ['code', 'errno', 'syscall', 'details'] as const) if (wire[key] !== undefined) Object.assign(err, { [key]: wire[key] });
  return err;
}

export function toWireOutcome(outcome: Outcome, storages: readonly ViewStorage[]): WireOutcome {
  const base = { kind: outcome.kind, storage: storages.indexOf(outcome.storage), meta: outcome.meta };
  switch (outcome.kind) {
    case 'applied': return { ...base, records: outcome.records };
    case 'failed': return { ...base, error: toWireError(outcome.error) };
    case 'stalled':
    case 'skipped': return { ...base, span: outcome.span };
    default: return base;
  }
}

/** The outcome on the engine's side: its own storage, its meta and `stuck` set as `runRound` would have. */
export function fromWireOutcome(wire: WireOutcome, storages: readonly ViewStorage[]): Outcome {
  const storage = storages[wire.storage]!;
  if (wire.meta !== undefined) storage.meta = wire.meta;
  if (wire.kind === 'stalled') storage.stuck = true;
  switch (wire.kind) {
    case 'applied': return { kind: 'applied', storage, meta: wire.meta!, records: wire.records! };
    case 'failed': return { kind: 'failed', storage, meta: wire.meta!, error: fromWireError(wire.error!) };
    case 'stalled':
    case 'skipped': return { kind: wire.kind, storage, meta: wire.meta!, span: wire.span! };
    default: return { kind: 'moved', storage, meta: wire.meta };
  }
}

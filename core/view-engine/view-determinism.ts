// The determinism check: applies every record of the log twice, into two scratch stores, and compares their row
// checksums. The first pass commits one record per transaction and notes the checksum after each record; the second
// runs later (so global state has moved on), with the clock shifted by a day and batch boundaries that vary
// (1, 2, 3, 5, 8 ... records), and is compared at the end of each of its batches. A view that reads the clock, random
// numbers or global mutable state, or whose flush depends on where batches end, gives different rows.
import { SluiceError } from '../errors.js';
import type { EventLog, Offset } from '../log/event-log.js';
import type { ApplyContext, ViewDefinition } from './view-definition.js';
import type { Outcome } from './view-runner.js';
import { ScratchBuild } from './scratch-build.js';
import type { VerifyProgress } from './view-verify.js';

export interface DeterminismReport {
  readonly view: string;
  readonly version: number;
  /** Records applied in each pass. */
  readonly records: number;
  readonly deterministic: boolean;
  /**
   * Where the passes first differ: `offset` is the first record of the batch after which the rows differed (`to` its
   * last; equal when the batch held one record). `reason` says what differed.
   */
  readonly first: { readonly offset: Offset; readonly to: Offset; readonly reason: string } | null;
  readonly checksum: string | null;
  readonly ms: number;
}

export interface DeterminismOptions {
  readonly log: EventLog;
  readonly def: ViewDefinition;
  readonly scratchDir: string;
  readonly onProgress?: (progress: VerifyProgress) => void;
  readonly signal?: AbortSignal;
}

const DAY_MS = 86_400_000;
const FIBONACCI = [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181];

/** Runs `fn` with `Date` (and `Date.now`) a day ahead; apply is synchronous, so nothing else sees it. */
function shiftedClock<T>(fn: () => T): T {
  const RealDate = Date;
  class ShiftedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(RealDate.now() + DAY_MS);
      else super(...(args as [number]));
    }

    static override now(): number {
      return RealDate.now() + DAY_MS;
    }
  }
  globalThis.Date = ShiftedDate as DateConstructor;
  try {
    return fn();
  } finally {
    globalThis.Date = RealDate;
  }
}

/** `def` with apply and flush run under the shifted clock (keeping a class instance's own `this`). */
function underShiftedClock(def: ViewDefinition): ViewDefinition {
  const flush = def.flush;
  return Object.create(def, {
    apply: { value: (record: Parameters<ViewDefinition['apply']>[0], ctx: ApplyContext) => shiftedClock(() => def.apply(record, ctx)) },
    ...(flush === undefined ? {} : { flush: { value: (ctx: ApplyContext) => shiftedClock(() => flush.call(def, ctx)) } }),
  }) as ViewDefinition;
}

function errorOf(outcome: Outcome): string {
  return outcome.kind === 'failed' ? outcome.meta.error?.message ?? String(outcome.error) : `the build ${outcome.kind}`;
}

export async function checkDeterminism(options: DeterminismOptions): Promise<DeterminismReport> {
  const { log, def, signal } = options;
  const started = Date.now();
  const end = log.end;
  const span = Math.max(1, end - log.start);
  const progress = (pass: number, at: Offset, records: number): void => options.onProgress?.({
    start: log.start, end: log.start + span, next: log.start + Math.round(((pass + (at - log.start) / span) / 2) * span), records,
  });
  const sums: string[] = [];
  const offsets: Offset[] = [];
  const report = (deterministic: boolean, first: DeterminismReport['first'], checksum: string | null): DeterminismReport => ({
    view: def.name, version: def.version, records: sums.length, deterministic, first, checksum, ms: Date.now() - started,
  });

  // Pass 1: one record per transaction, the checksum noted after each.
  let firstFailure: { offset: Offset; message: string } | undefined;
  const one = ScratchBuild.open(options.scratchDir, def, log);
  try {
    while (one.next < end && !signal?.aborted) {
      const batch = log.readBatch(one.next, { limit: 256, maxBytes: 1 << 20 });
      for (const record of batch.records) {
        if (record.offset >= end) break;
        const outcome = one.apply([record]);
        if (outcome.kind !== 'applied') {
          firstFailure = { offset: record.offset, message: errorOf(outcome) };
          break;
        }
        sums.push(one.storage.meta.checksum ?? '');
        offsets.push(record.offset);
      }
      if (firstFailure !== undefined || batch.records.length === 0) break;
      progress(0, one.next, sums.length);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  } finally {
    await one.close();
  }

  // Pass 2: later, a day ahead, in batches of varying size.
  const two = ScratchBuild.open(options.scratchDir, underShiftedClock(def), log);
  try {
    let index = 0;
    let size = 0;
    while (index < sums.length && !signal?.aborted) {
      const take = FIBONACCI[size++ % FIBONACCI.length]!;
      const batch = log.readBatch(two.next, { limit: Math.min(take, sums.length - index), maxBytes: 64 << 20 });
      const records = batch.records;
      if (records.length === 0) break;
      const last = index + records.length - 1;
      const outcome = two.apply(records);
      const range = { offset: records[0]!.offset, to: records[records.length - 1]!.offset };
      if (outcome.kind !== 'applied') {
        return report(false, { ...range, reason: `the second pass failed (${errorOf(outcome)}) where the first applied every record` }, null);
      }
      if (two.storage.meta.checksum !== sums[last]) {
        return report(false, { ...range, reason: `rows differ after offset ${range.to} (checksums ${sums[last]} and ${two.storage.meta.checksum})` }, null);
      }
      index = last + 1;
      progress(1, two.next, index);
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    if (signal?.aborted) throw new SluiceError('VIEW_VERIFY_UNAVAILABLE', { view: def.name, version: def.version, reason: 'the verification was interrupted' });
    if (firstFailure !== undefined) {
      // Both passes applied everything before the failing record: does the second fail there too?
      const at = log.readBatch(two.next, { limit: 1, maxBytes: 64 << 20 }).records;
      const outcome = at.length === 1 ? two.apply(at) : undefined;
      if (outcome?.kind === 'applied') {
        return report(false, { offset: firstFailure.offset, to: firstFailure.offset, reason: `the first pass failed here (${firstFailure.message}) and the second did not` }, null);
      }
      return report(true, { offset: firstFailure.offset, to: firstFailure.offset, reason: `both passes fail here: ${firstFailure.message}` }, null);
    }
    return report(true, null, sums[sums.length - 1] ?? two.storage.meta.checksum ?? null);
  } finally {
    await two.close();
  }
}

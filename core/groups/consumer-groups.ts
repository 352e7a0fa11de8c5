// The consumer groups of one store (persistent subscriptions): create, list, inspect, delete, and the delivery calls,
// by group name. Definitions and checkpoints live in GroupStore; each group's queue lives in a ConsumerGroup.
import { SluiceError } from '../errors.js';
import type { EventLog, Offset } from '../log/event-log.js';
import { checkFilter, type RecordFilter } from '../log/record-filter.js';
import { ConsumerGroup, type Delivery, type GroupInfo, type NackAction } from './consumer-group.js';
import type { GroupStore, ParkedRecord } from './group-store.js';

export type { Delivery, GroupInfo, NackAction, ParkedRecord, RecordFilter };

export interface CreateGroupOptions {
  readonly name: string;
  readonly filter?: RecordFilter;
  /** `start` (default), `end` (only records appended from now on) or a record's offset. */
  readonly from?: 'start' | 'end' | Offset;
  /** Deliveries before a record is parked (default 5). */
  readonly maxDeliveries?: number;
  /** Lease length in ms (default 30000). */
  readonly ackTimeoutMs?: number;
}

export interface ReadOptions {
  /** Who reads (shown nowhere yet; leases are per record). */
  readonly consumer?: string;
  /** Most records (default 100). */
  readonly limit?: number;
  /** Long-poll: ms to wait for a record when none is ready (default 0). */
  readonly waitMs?: number;
  readonly signal?: AbortSignal;
}

export const GROUP_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

function invalid(reason: string): SluiceError {
  return new SluiceError('GROUP_INVALID', { reason });
}

function checkOffsets(offsets: unknown): Offset[] {
  if (!Array.isArray(offsets) || offsets.length === 0 || !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)) {
    throw invalid('offsets must be a non-empty array of record offsets');
  }
  return offsets as Offset[];
}

export class ConsumerGroups {
  readonly #groups = new Map<string, ConsumerGroup>();

  constructor(private readonly log: EventLog, private readonly store: GroupStore) {
    for (const definition of store.definitions()) this.#groups.set(definition.name, new ConsumerGroup(definition, log, store));
  }

  async create(options: CreateGroupOptions): Promise<GroupInfo> {
    const { name } = options;
    if (typeof name !== 'string' || !GROUP_NAME.test(name)) throw invalid(`name ${JSON.stringify(name)} must be 1-64 letters, digits, "_", "." or "-", starting with a letter or digit`);
    const filter = checkFilter(options.filter);
    const maxDeliveries = options.maxDeliveries ?? 5;
    if (!Number.isSafeInteger(maxDeliveries) || maxDeliveries < 1 || maxDeliveries > 1000) throw invalid('maxDeliveries must be an integer from 1 to 1000');
    const ackTimeoutMs = options.ackTimeoutMs ?? 30_000;
    if (!Number.isSafeInteger(ackTimeoutMs) || ackTimeoutMs < 10 || ackTimeoutMs > 86_400_000) throw invalid('ackTimeoutMs must be an integer from 10 to 86400000');
    const startFrom = await this.#startOffset(options.from ?? 'start');
    if (this.#groups.has(name)) throw new SluiceError('GROUP_EXISTS', { group: name });
    const definition = { name, filter, startFrom, maxDeliveries, ackTimeoutMs, createdAt: Date.now() };
    if (!(await this.store.create(definition))) throw new SluiceError('GROUP_EXISTS', { group: name });
    const group = new ConsumerGroup(definition, this.log, this.store);
    this.#groups.set(name, group);
    return group.info();
  }

  async #startOffset(from: unknown): Promise<Offset> {
    if (from === 'start') return this.log.start;
    if (from === 'end') return this.log.end;
    if (typeof from !== 'number' || !Number.isSafeInteger(from) || from < 0) throw invalid('from must be "start", "end" or a record offset');
    if (from === this.log.end) return from;
    try {
      await this.log.read(from);
    } catch {
      throw invalid(`from ${from} is not the offset of a record (nor the log end ${this.log.end})`);
    }
    return from;
  }

  list(): GroupInfo[] {
    return [...this.#groups.values()].sort((a, b) => (a.name < b.name ? -1 : 1)).map((g) => g.info());
  }

  get(name: string): ConsumerGroup {
    const group = this.#groups.get(name);
    if (group === undefined) throw new SluiceError('GROUP_NOT_FOUND', { group: name });
    return group;
  }

  info(name: string): GroupInfo {
    return this.get(name).info();
  }

  async delete(name: string): Promise<void> {
    const group = this.get(name);
    this.#groups.delete(name);
    group.stop();
    await this.store.delete(name);
  }

  read(name: string, options: ReadOptions = {}): Promise<Delivery[]> {
    const group = this.get(name);
    const limit = options.limit ?? 100;
    if (!Number.isSafeInteger(limit) || limit < 1 || limit > 10_000) throw invalid('limit must be an integer from 1 to 10000');
    return group.read(options.consumer ?? 'anonymous', limit, Math.max(0, options.waitMs ?? 0), options.signal);
  }

  ack(name: string, offsets: readonly Offset[]): Promise<{ checkpoint: Offset }> {
    return this.get(name).ack(checkOffsets(offsets));
  }

  nack(name: string, offsets: readonly Offset[], action: NackAction = 'retry', reason = 'nacked'): Promise<{ checkpoint: Offset }> {
    const group = this.get(name);
    if (action !== 'retry' && action !== 'park') throw invalid('action must be "retry" or "park"');
    return group.nack(checkOffsets(offsets), action, typeof reason === 'string' ? reason.slice(0, 500) : 'nacked');
  }

  parked(name: string, options: { after?: number; limit?: number } = {}): ParkedRecord[] {
    return this.get(name).parked(options);
  }

  replayParked(name: string): Promise<number> {
    return this.get(name).replayParked();
  }

  /** Ends waiting reads, then closes the store. */
  async close(): Promise<void> {
    for (const group of this.#groups.values()) group.stop();
    await this.store.close();
  }
}

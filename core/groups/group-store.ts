// Where consumer groups live on disk: their own LMDB environment at `<dataDir>/groups`, synced on every commit (an
// acknowledged ack survives a machine crash), separate from the views' environment, which is rebuilt after one.
// Rows: ['group', name] -> definition; ['checkpoint', name] -> offset; ['parked', name, offset] -> parked record.
// A checkpoint and the parked rows it passes over commit in one transaction.
import { mkdirSync } from 'node:fs';
import { open, type Key, type RootDatabase } from 'lmdb';
import type { RecordFilter } from '../log/record-filter.js';

export interface GroupDefinition {
  readonly name: string;
  readonly filter: RecordFilter;
  /** Where the group started reading. */
  readonly startFrom: number;
  /** Deliveries of one record before it is parked. */
  readonly maxDeliveries: number;
  /** How long a consumer holds a record before it is handed to another. */
  readonly ackTimeoutMs: number;
  readonly createdAt: number;
}

export interface ParkedRecord {
  readonly offset: number;
  readonly stream: string;
  readonly type: string;
  readonly deliveries: number;
  readonly reason: string;
  readonly parkedAt: number;
  /** Handed out again after POST .../parked/replay; the row goes once it is acknowledged. */
  readonly replaying?: boolean;
}

export class GroupStore {
  private constructor(private readonly root: RootDatabase<unknown, Key>) {}

  static open(path: string, readOnly = false): GroupStore {
    if (!readOnly) mkdirSync(path, { recursive: true });
    return new GroupStore(open<unknown, Key>({ path, readOnly, maxDbs: 4, mapSize: 256 * 1024 * 1024 }));
  }

  definitions(): GroupDefinition[] {
    return [...this.root.getRange({ start: ['group'], end: ['group', '\uffff'] })].map(({ value }) => value as GroupDefinition);
  }

  checkpoint(name: string): number | undefined {
    return this.root.get(['checkpoint', name]) as number | undefined;
  }

  parked(name: string, options: { after?: number; limit?: number } = {}): ParkedRecord[] {
    const start = options.after === undefined ? ['parked', name] : ['parked', name, options.after];
    const rows: ParkedRecord[] = [];
    for (const { key, value } of this.root.getRange({ start, end: ['parked', name, Number.MAX_SAFE_INTEGER], limit: (options.limit ?? Infinity) + 1 })) {
      if (options.after !== undefined && (key as unknown[])[2] === options.after) continue;
      rows.push(value as ParkedRecord);
      if (rows.length === options.limit) break;
    }
    return rows;
  }

  parkedCount(name: string): number {
    return this.root.getKeysCount({ start: ['parked', name], end: ['parked', name, Number.MAX_SAFE_INTEGER] });
  }

  /** Creates the group at its start; false (nothing written) when the name is taken. */
  async create(definition: GroupDefinition): Promise<boolean> {
    return this.root.transaction(() => {
      if (this.root.get(['group', definition.name]) !== undefined) return false;
      void this.root.put(['group', definition.name], definition);
      void this.root.put(['checkpoint', definition.name], definition.startFrom);
      return true;
    });
  }

  /** One commit: the checkpoint (when given), parked rows written and parked rows removed. */
  async save(name: string, change: { checkpoint?: number; park?: readonly ParkedRecord[]; unpark?: readonly number[] }): Promise<void> {
    await this.root.transaction(() => {
      if (change.checkpoint !== undefined) void this.root.put(['checkpoint', name], change.checkpoint);
      for (const row of change.park ?? []) void this.root.put(['parked', name, row.offset], row);
      for (const offset of change.unpark ?? []) void this.root.remove(['parked', name, offset]);
    });
  }

  async delete(name: string): Promise<void> {
    await this.root.transaction(() => {
      void this.root.remove(['group', name]);
      void this.root.remove(['checkpoint', name]);
      for (const key of this.root.getKeys({ start: ['parked', name], end: ['parked', name, Number.MAX_SAFE_INTEGER] })) void this.root.remove(key);
    });
  }

  close(): Promise<void> {
    return this.root.close();
  }
}

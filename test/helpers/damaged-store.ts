// A data directory whose log has one damaged record in acknowledged data (one flipped byte in the middle of the log,
// as test/log/damage.test.ts flips them), and no views yet: every view must rebuild across the damage.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openFileLog } from '../../core/log/file-log.js';
import { segmentFileName } from '../../core/log/segment-names.js';

export interface WrittenRecord {
  readonly offset: number;
  readonly next: number;
  readonly stream: string;
  readonly i: number;
}

export interface DamagedStore {
  readonly dataDir: string;
  /** Every record written, damaged one included. */
  readonly records: readonly WrittenRecord[];
  /** The records that still read: all but the damaged one, in log order. */
  readonly good: readonly WrittenRecord[];
  /** The damaged record's bytes: where it starts and where the next valid record starts. */
  readonly damaged: { readonly from: number; readonly to: number };
}

/** `count` records, one append each (stream `s<i>`), the one at index `damagedIndex` then damaged. */
export async function writeDamagedStore(dataDir: string, count = 12, damagedIndex = 5): Promise<DamagedStore> {
  const log = await openFileLog({ dir: join(dataDir, 'log') });
  const records: WrittenRecord[] = [];
  for (let i = 0; i < count; i++) {
    const result = await log.append(`s${i}`, { type: 'Noted', data: { i, pad: 'x'.repeat(40 + i) } });
    records.push({ offset: result.offsets[0]!, next: result.end, stream: `s${i}`, i });
  }
  await log.close();
  const target = records[damagedIndex]!;
  const segment = join(dataDir, 'log', segmentFileName(0));
  const bytes = readFileSync(segment);
  bytes[target.offset + Math.floor((target.next - target.offset) / 2)]! ^= 0xff;
  writeFileSync(segment, bytes);
  return { dataDir, records, good: records.filter((r) => r !== target), damaged: { from: target.offset, to: target.next } };
}

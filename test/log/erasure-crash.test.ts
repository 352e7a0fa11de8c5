// Erasure under crashes: the real FileLog over the crash-simulating file system, crashed at every mutating
// operation of an erasure, then reopened from what a kill -9 or a power loss leaves. The erasure is all or nothing
// (the journal decides), never leaves a torn record, and every other record is untouched.
import { expect } from 'chai';
import type { LogRecord } from '../../core/log/event-log.js';
import { openFileLog, type FileLog } from '../../core/log/file-log.js';
import { ERASE_JOURNAL } from '../../core/log/log-eraser.js';
import { CrashFileSystem, type DiskImage } from '../helpers/crash-file-system.js';
import { readAll } from '../helpers/log-test-kit.js';
import { SeededRandom } from '../helpers/seeded-random.js';

const DIR = '/log';

function options(fs: CrashFileSystem) {
  return { dir: DIR, fs, lock: false, fsync: 'fsync', segmentBytes: 600, checkpointBytes: 1500 } as const;
}

/** A log of several segments; returns its image and records. Streams s-0..s-3, batches of 1-3 records. */
async function seededImage(): Promise<{ image: DiskImage; records: LogRecord[] }> {
  const fs = new CrashFileSystem();
  const log = await openFileLog(options(fs));
  const random = new SeededRandom(5);
  for (let i = 0; i < 24; i++) {
    const n = random.int(1, 3);
    await log.append(`s-${i % 4}`, Array.from({ length: n }, (_, e) => ({
      type: 'noted', data: { secret: `secret-${i}-${e}`, pad: 'p'.repeat(random.int(0, 40)) }, meta: { who: `meta-${i}-${e}` }, tags: [`tag-${i}-${e}`],
    })));
  }
  const records = await readAll(log);
  await log.close();
  return { image: fs.processCrashImage(), records };
}

/** Targets at a segment's start, middle and end, and at the first, middle and last record of batches. */
function pickTargets(records: LogRecord[]): number[] {
  const starts = new Set<number>();
  let base = -1;
  for (const r of records) {
    const segment = Math.floor(r.offset / 600);
    if (segment !== base) { starts.add(r.offset); base = segment; }
  }
  const bySegStart = records.filter((r) => starts.has(r.offset));
  const lastOfSegment = records.filter((r, i) => i + 1 < records.length && starts.has(records[i + 1]!.offset));
  const picks = [bySegStart[1]!, bySegStart[2]!, lastOfSegment[1]!, records[Math.floor(records.length / 2)]!, records[records.length - 1]!, records[0]!];
  return [...new Set(picks.map((r) => r.offset))].sort((a, b) => a - b);
}

async function checkAfterCrash(label: string, image: DiskImage, records: LogRecord[], targets: number[]): Promise<void> {
  const fs = new CrashFileSystem({ image });
  let log: FileLog | undefined;
  try {
    log = await openFileLog(options(fs));
    const after = await readAll(log);
    expect(after.map((r) => [r.offset, r.next, r.stream, r.revision]), `${label}: offsets changed`).to.deep.equal(records.map((r) => [r.offset, r.next, r.stream, r.revision]));
    expect(log.damagedRanges, `${label}: damage on open`).to.deep.equal([]);
    expect((await log.verify()).damaged, `${label}: damage on verify`).to.deep.equal([]);
    const erased = after.filter((r) => r.erased === true).map((r) => r.offset);
    // All or nothing: the journal, once written, finishes the whole erasure on open.
    expect(erased.length === 0 || erased.length === targets.length, `${label}: ${erased.length} of ${targets.length} erased`).to.equal(true);
    if (erased.length > 0) expect(erased).to.deep.equal(targets);
    expect(log.erasurePending, `${label}: journal state`).to.equal(erased.length > 0 && fs.exists(`${DIR}/${ERASE_JOURNAL}`));
    for (const record of after) if (record.erased !== true) expect(record, label).to.deep.equal(records.find((r) => r.offset === record.offset));
    // Re-running the erasure after a restart completes it.
    await log.erase(targets);
    expect((await readAll(log)).filter((r) => r.erased === true).map((r) => r.offset)).to.deep.equal(targets);
  } finally {
    await log?.close();
  }
}

describe('file-log erasure', () => {
  context('when the machine crashes at any file-system operation of an erasure', () => {
    it('finishes it or leaves it undone on restart, never a torn or half-erased log', async function () {
      this.timeout(60_000);
      const { image, records } = await seededImage();
      const targets = pickTargets(records);
      expect(targets.length).to.be.at.least(5);
      // The uncrashed run: how many operations an erasure takes.
      const probe = new CrashFileSystem({ image });
      const probeLog = await openFileLog(options(probe));
      const before = probe.ops;
      const report = await probeLog.erase(targets);
      const total = probe.ops - before;
      await probeLog.close();
      expect(report).to.include({ erased: targets.length, alreadyErased: 0 });
      expect(total).to.be.greaterThan(3);
      let cases = 0;
      for (let k = 1; k <= total; k++) {
        const fs = new CrashFileSystem({ image });
        const log = await openFileLog(options(fs));
        fs.crashAt = fs.ops + k;
        const err = await log.erase(targets).catch((e: unknown) => e);
        expect((err as { code?: string }).code, `crash at ${k}`).to.equal('ESIMCRASH');
        await checkAfterCrash(`kill -9 at ${k}/${total}`, fs.processCrashImage(), records, targets);
        for (let trial = 0; trial < 4; trial++) {
          await checkAfterCrash(`power loss at ${k}/${total} trial ${trial}`, fs.powerLossImage(new SeededRandom(k * 97 + trial)), records, targets);
          cases++;
        }
        await log.close().catch(() => undefined);
      }
      expect(cases).to.be.greaterThan(10);
    });
  });

  context('when a record is erased twice', () => {
    it('counts it as already erased and rewrites nothing', async () => {
      const { image, records } = await seededImage();
      const fs = new CrashFileSystem({ image });
      const log = await openFileLog(options(fs));
      try {
        await log.erase([records[3]!.offset]);
        const again = await log.erase([records[3]!.offset]);
        expect(again).to.deep.equal({ erased: 0, alreadyErased: 1, bytes: 0, offsets: [] });
      } finally {
        await log.close();
      }
    });
  });

  context('when an erasure is invalid', () => {
    it('rejects an empty list, a negative offset and a read-only log with their codes, writing nothing', async () => {
      const { image, records } = await seededImage();
      const fs = new CrashFileSystem({ image });
      const log = await openFileLog(options(fs));
      try {
        const opsBefore = fs.ops;
        expect(await log.erase([]).catch((e: { code: string }) => e.code)).to.equal('SLUICE_ERR_LOG_ERASE_INVALID');
        expect(await log.erase([-1]).catch((e: { code: string }) => e.code)).to.equal('SLUICE_ERR_LOG_OFFSET_INVALID');
        expect(await log.erase([records[1]!.offset, log.end]).catch((e: { code: string }) => e.code)).to.equal('SLUICE_ERR_LOG_NO_RECORD');
        expect(fs.ops).to.equal(opsBefore);
      } finally {
        await log.close();
      }
      const reader = await openFileLog({ ...options(new CrashFileSystem({ image })), readOnly: true });
      try {
        expect(await reader.erase([records[0]!.offset]).catch((e: { code: string }) => e.code)).to.equal('SLUICE_ERR_LOG_READ_ONLY');
      } finally {
        await reader.close();
      }
    });
  });
});

// A full disk stops the writer without a restart being needed to resume: the append that meets it is refused (and
// never appears later), nothing acknowledged is lost, and once space is freed the log cuts the failed write's bytes
// and writes again by itself. Driven through the fault-injecting file system (a disk with a capacity).
import { expect } from 'chai';
import { openFileLog, type FileLog } from '../../core/log/file-log.js';
import { segmentFileName } from '../../core/log/segment-names.js';
import { CrashFileSystem } from '../helpers/crash-file-system.js';
import { CODES, expectCode, readAll, waitFor } from '../helpers/log-test-kit.js';

const DIR = '/disk/log';
const SEGMENT = `${DIR}/${segmentFileName(0)}`;
const NO_SPACE = 'SLUICE_ERR_LOG_NO_SPACE';

describe('file-log on a full disk', () => {
  let fs: CrashFileSystem;
  let log: FileLog;

  beforeEach(async () => {
    fs = new CrashFileSystem();
    log = await openFileLog({ dir: DIR, fs, lock: false, checkpointBytes: 1 << 30 });
  });
  afterEach(async () => { await log.close().catch(() => undefined); });

  /** Fills the disk so the next append lands only in part. */
  function fillDisk(spareBytes = 20): void {
    fs.capacityBytes = fs.usedBytes() + spareBytes;
  }

  context('when an append meets a full disk', () => {
    it('refuses it with SLUICE_ERR_LOG_NO_SPACE (507, errno ENOSPC), keeps the end, and reports the cause', async () => {
      await log.append('s', { type: 'kept', data: { n: 0 } });
      const end = log.end;
      fillDisk();
      const err = await expectCode(() => log.append('s', { type: 'lost', data: { pad: 'x'.repeat(500) } }), NO_SPACE);
      expect((err as { statusCode?: number }).statusCode).to.equal(507);
      expect(err.details).to.include({ errno: 'ENOSPC' });
      expect(log.end).to.equal(end);
      expect(log.writeFailure()?.code).to.equal(NO_SPACE);
      expect(fs.contentOf(SEGMENT)!.length, 'what the failed write left is cut at once').to.equal(end);
    });

    it('never lets a refused append appear, even whole frames of it, after a crash before space comes back', async () => {
      const small = { type: 'small', data: { n: 1 } };
      await log.append('warm', small);
      const frame = log.end;
      // The round of `first` and `second` fits `first` whole (committed frame) and `second` in part.
      fillDisk(frame + 40);
      const results = await Promise.allSettled([log.append('first', small), log.append('second', { type: 'big', data: { pad: 'x'.repeat(500) } })]);
      expect(results.map((r) => r.status)).to.deep.equal(['rejected', 'rejected']);
      const reopened = await openFileLog({ dir: DIR, fs: new CrashFileSystem({ image: fs.processCrashImage() }), lock: false });
      try {
        expect((await readAll(reopened)).map((r) => r.stream)).to.deep.equal(['warm']);
        expect(reopened.streamRevision('first')).to.equal(undefined);
      } finally {
        await reopened.close();
      }
    });

    it('keeps refusing appends while the disk stays full, never writing past the acknowledged end', async () => {
      await log.append('s', { type: 'kept', data: {} });
      const end = log.end;
      fillDisk();
      await expectCode(() => log.append('s', { type: 'lost', data: { pad: 'x'.repeat(500) } }), NO_SPACE);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expectCode(() => log.append('s', { type: 'lost-too', data: { pad: 'y'.repeat(500) } }), NO_SPACE);
      expect(log.end).to.equal(end);
      expect((await readAll(log)).map((r) => r.type)).to.deep.equal(['kept']);
    });
  });

  context('when space is freed', () => {
    it('writes again without a restart: the partial write is cut, and each acknowledged record is read exactly once', async () => {
      const acked = [await log.append('s', { type: 'kept', data: { n: 0 } })];
      fillDisk();
      await expectCode(() => log.append('s', { type: 'lost', data: { pad: 'x'.repeat(500) } }), NO_SPACE);
      const end = log.end;
      fs.capacityBytes = undefined;
      await waitFor(() => log.writeFailure() === undefined, 10_000, 'the background probe to heal the log');
      expect(fs.contentOf(SEGMENT)!.length, 'cut back to the acknowledged end').to.equal(end);
      acked.push(await log.append('s', { type: 'kept', data: { n: 1 } }, { expectedRevision: 0 }));
      expect(acked[1]!.offsets).to.deep.equal([end]);
      const records = await readAll(log);
      expect(records.map((r) => [r.offset, r.type, r.revision])).to.deep.equal([[acked[0]!.lastOffset, 'kept', 0], [end, 'kept', 1]]);
    });

    it('lets the next append heal the log itself, without waiting for the background probe', async () => {
      await log.append('s', { type: 'kept', data: {} });
      fillDisk();
      await expectCode(() => log.append('s', { type: 'lost', data: { pad: 'x'.repeat(500) } }), NO_SPACE);
      // Probes while full run at about 100 and 300 ms, the next at 700: the append at 600 finds one due itself.
      await new Promise((resolve) => setTimeout(resolve, 600));
      fs.capacityBytes = undefined;
      expect(log.writeFailure()?.code).to.equal(NO_SPACE);
      const result = await log.append('s', { type: 'kept', data: {} });
      expect(result.revisions).to.deep.equal([1]);
    });

    it('writes a retried append whose event id met the full disk, rather than answering it as a duplicate', async () => {
      const id = '6f1c0a52-3c1e-4f4e-9d7a-2b7f0c9e5a11';
      fillDisk(0);
      await expectCode(() => log.append('s', { type: 't', id, data: { pad: 'x'.repeat(200) } }), NO_SPACE);
      fs.capacityBytes = undefined;
      await waitFor(() => log.writeFailure() === undefined, 10_000, 'the log to heal');
      const result = await log.append('s', { type: 't', id, data: { pad: 'x'.repeat(200) } });
      expect(result.duplicate).to.not.equal(true);
      expect((await readAll(log)).map((r) => r.id)).to.deep.equal([id]);
    });

    it('keeps every acknowledged record, and no refused one, across a process crash after healing', async () => {
      for (let i = 0; i < 3; i++) await log.append(`s${i}`, { type: 'kept', data: { i } });
      fillDisk();
      await expectCode(() => log.append('s9', { type: 'lost', data: { pad: 'x'.repeat(500) } }), NO_SPACE);
      fs.capacityBytes = undefined;
      await waitFor(() => log.writeFailure() === undefined, 10_000, 'the log to heal');
      await log.append('s3', { type: 'kept', data: { i: 3 } });
      const reopened = await openFileLog({ dir: DIR, fs: new CrashFileSystem({ image: fs.processCrashImage() }), lock: false });
      try {
        const records = await readAll(reopened);
        expect(records.map((r) => r.stream)).to.deep.equal(['s0', 's1', 's2', 's3']);
        expect(reopened.streamRevision('s9')).to.equal(undefined);
      } finally {
        await reopened.close();
      }
    });
  });

  context('when the I/O failure is not a full disk', () => {
    it('stays failed with SLUICE_ERR_LOG_FAILED until a restart', async () => {
      await log.append('s', { type: 'kept', data: {} });
      fs.crashAt = fs.ops + 1;
      await expectCode(() => log.append('s', { type: 'lost', data: {} }), CODES.failed);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(log.writeFailure()?.code).to.equal(CODES.failed);
      await expectCode(() => log.append('s', { type: 'lost', data: {} }), CODES.failed);
    });
  });
});

// Idempotent appends: events carrying ids are written once; an append that repeats them is acknowledged again
// with the original offsets, across reopen (from the revisions checkpoint) and within the id window only.
import { expect } from 'chai';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileLog, type FileLog } from '../../core/log/file-log.js';
import { isSluiceError } from '../../core/errors.js';

async function count(log: FileLog): Promise<number> {
  let n = 0;
  for await (const _ of log.readForward(log.start)) n++;
  return n;
}

describe('file log: event ids', () => {
  let dir: string;
  let log: FileLog | undefined;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sluice-ids-')); });
  afterEach(async () => {
    await log?.close();
    log = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  context('when an append repeats the ids of an earlier one', () => {
    it('writes nothing and answers with the original offsets and revisions', async () => {
      log = await openFileLog({ dir, fsync: 'none' });
      const ids = [randomUUID(), randomUUID()];
      const first = await log.append('s', ids.map((id, i) => ({ type: 'T', id, data: i })), { expectedRevision: 'no_stream' });
      // Same expected revision as the original: a retry is not a conflict.
      const again = await log.append('s', ids.map((id, i) => ({ type: 'T', id, data: i })), { expectedRevision: 'no_stream' });
      expect(again.offsets).to.deep.equal(first.offsets);
      expect(again.revisions).to.deep.equal(first.revisions);
      expect(again.duplicate).to.equal(true);
      expect(await count(log)).to.equal(2);
      expect((await log.read(first.offsets[1]!)).id).to.equal(ids[1]);
    });

    it('treats the same id in another stream as a new event', async () => {
      log = await openFileLog({ dir, fsync: 'none' });
      const id = randomUUID();
      await log.append('a', { type: 'T', id });
      const other = await log.append('b', { type: 'T', id });
      expect(other.duplicate).to.equal(undefined);
      expect(await count(log)).to.equal(2);
    });

    it('deduplicates concurrent appends of the same ids (one write)', async () => {
      log = await openFileLog({ dir, fsync: 'none' });
      const id = randomUUID();
      const results = await Promise.all([1, 2, 3].map(() => log!.append('s', { type: 'T', id })));
      expect(new Set(results.map((r) => r.offsets[0])).size).to.equal(1);
      expect(await count(log)).to.equal(1);
    });
  });

  context('when an append repeats only some stored ids', () => {
    it('refuses it with SLUICE_ERR_EVENT_ID_REUSED and writes nothing', async () => {
      log = await openFileLog({ dir, fsync: 'none' });
      const id = randomUUID();
      await log.append('s', { type: 'T', id });
      const err = await log.append('s', [{ type: 'T', id }, { type: 'T', id: randomUUID() }]).catch((e: unknown) => e);
      expect(isSluiceError(err, 'EVENT_ID_REUSED')).to.equal(true);
      expect(await count(log)).to.equal(1);
    });
  });

  context('when an id is not a UUID or repeats within one append', () => {
    it('refuses it with a stable code', async () => {
      log = await openFileLog({ dir, fsync: 'none' });
      const bad = await log.append('s', { type: 'T', id: 'not-a-uuid' }).catch((e: unknown) => e);
      expect(isSluiceError(bad, 'EVENT_ID_INVALID')).to.equal(true);
      const id = randomUUID();
      const twice = await log.append('s', [{ type: 'T', id }, { type: 'T', id }]).catch((e: unknown) => e);
      expect(isSluiceError(twice, 'EVENT_INVALID')).to.equal(true);
      expect(await count(log)).to.equal(0);
    });
  });

  context('when the log is closed cleanly and reopened (scan starts at the checkpoint)', () => {
    it('still recognises the ids, read back from the log', async () => {
      log = await openFileLog({ dir, fsync: 'none' });
      const id = randomUUID().toUpperCase();
      const first = await log.append('s', [{ type: 'T', data: 1 }, { type: 'T', id }]);
      await log.append('other', { type: 'U' });
      await log.close();
      log = await openFileLog({ dir, fsync: 'none' });
      const again = await log.append('s', { type: 'T', id: id.toLowerCase() });
      expect(again.offsets).to.deep.equal([first.offsets[1]]);
      expect(await count(log)).to.equal(3);
    });
  });

  context('when a reopened log reads the ids before its checkpoint (forward, from the segment start)', () => {
    it('remembers exactly the ids of records inside the window', async () => {
      log = await openFileLog({ dir, fsync: 'none', idWindowBytes: 1000 });
      const ids = Array.from({ length: 20 }, () => randomUUID());
      const offsets: number[] = [];
      for (const id of ids) offsets.push((await log.append('s', { type: 'T', id, data: 'x'.repeat(40) })).lastOffset);
      const end = log.end;
      await log.close();
      log = await openFileLog({ dir, fsync: 'none', idWindowBytes: 1000 });
      for (let i = ids.length - 1; i >= 0; i--) {
        const again = await log.append('s', { type: 'T', id: ids[i]! });
        expect(again.duplicate === true, `id ${i} at ${offsets[i]}`).to.equal(offsets[i]! >= end - 1000);
      }
    });
  });

  context('when the record of an id has left the id window', () => {
    it('writes the event again (the documented limit of the guarantee)', async () => {
      log = await openFileLog({ dir, fsync: 'none', idWindowBytes: 200 });
      const id = randomUUID();
      await log.append('s', { type: 'T', id });
      await log.append('s', { type: 'Filler', data: 'x'.repeat(300) });
      const again = await log.append('s', { type: 'T', id });
      expect(again.duplicate).to.equal(undefined);
      expect(await count(log)).to.equal(3);
      await log.close();
      log = await openFileLog({ dir, fsync: 'none', idWindowBytes: 200 });
      expect((await log.append('s', { type: 'T', id })).duplicate).to.equal(true);
    });
  });
});

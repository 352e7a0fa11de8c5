import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileLog } from '../../core/log/file-log.js';
import { segmentFileName } from '../../core/log/segment-names.js';
import { writeDamagedStore } from '../helpers/damaged-store.js';

describe('file-log', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sluice-span-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  describe('#damagedSpan', () => {
    it('spans a damaged record from its start to where the next valid record starts', async () => {
      const store = await writeDamagedStore(dir);
      const log = await openFileLog({ dir: join(dir, 'log'), readOnly: true });
      try {
        expect(log.damagedSpan(store.damaged.from)).to.deep.equal({ ...store.damaged, reason: 'checksum mismatch' });
        expect(log.readSync(store.damaged.to).stream).to.equal('s6');
      } finally {
        await log.close();
      }
    });

    it('is undefined at a valid record and at the log end, and refuses an offset inside a record', async () => {
      const store = await writeDamagedStore(dir);
      const log = await openFileLog({ dir: join(dir, 'log'), readOnly: true });
      try {
        expect(log.damagedSpan(store.good[0]!.offset)).to.equal(undefined);
        expect(log.damagedSpan(log.end)).to.equal(undefined);
        expect(() => log.damagedSpan(store.good[0]!.offset + 3)).to.throw().with.property('code', 'SLUICE_ERR_LOG_NO_RECORD');
      } finally {
        await log.close();
      }
    });

    it('makes one span of adjacent damaged records', async () => {
      const store = await writeDamagedStore(dir);
      const second = store.records[6]!;
      const segment = join(dir, 'log', segmentFileName(0));
      const bytes = readFileSync(segment);
      bytes[second.offset + 30]! ^= 0xff;
      writeFileSync(segment, bytes);
      const log = await openFileLog({ dir: join(dir, 'log'), readOnly: true });
      try {
        expect(log.damagedSpan(store.damaged.from)).to.include({ from: store.damaged.from, to: second.next });
      } finally {
        await log.close();
      }
    });
  });
});

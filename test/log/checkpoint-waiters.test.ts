// A checkpoint asked for while the writer is busy (another checkpoint, a round) is answered by the append loop
// between two rounds, and never left waiting for an append that may not come.
import { expect } from 'chai';
import { openFileLog, type FileLog } from '../../core/log/file-log.js';
import type { GroupCommit } from '../../core/log/group-commit.js';
import { CrashFileSystem } from '../helpers/crash-file-system.js';

function within<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  return Promise.race([promise, new Promise<'timed out'>((resolve) => setTimeout(() => resolve('timed out'), ms))]);
}

describe('writer checkpoints', () => {
  let log: FileLog;
  beforeEach(async () => { log = await openFileLog({ dir: '/disk/log', fs: new CrashFileSystem(), lock: false }); });
  afterEach(async () => { await log.close(); });

  it('answers two checkpoints asked for together on an idle writer', async () => {
    await log.append('s', { type: 'T', data: {} });
    const writer = (log as unknown as { writer: GroupCommit }).writer;
    await writer.settle(); // the append loop has ended: the writer is idle
    const first = writer.checkpoint();
    const second = writer.checkpoint();
    expect(await within(first, 2000)).to.equal(true);
    expect(await within(second, 2000)).to.equal(true);
  });
});

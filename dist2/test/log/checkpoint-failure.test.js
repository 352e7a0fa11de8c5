// A revisions checkpoint is a shortcut for the next open: failing to write one must never fail an append.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileLog } from '../../core/log/file-log.js';
import { NodeLogFileSystem } from '../../core/log/log-file-system.js';
class CheckpointlessFileSystem extends NodeLogFileSystem {
    failCheckpoints = false;
    async writeFileAtomic(path, data) {
        if (this.failCheckpoints && path.endsWith('streams.ckpt'))
            throw Object.assign(new Error('EMFILE: too many open files'), { code: 'EMFILE' });
        return super.writeFileAtomic(path, data);
    }
}
describe('file-log checkpoints', () => {
    let dir;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sluice-ckpt-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    context('when writing the checkpoint fails', () => {
        it('acknowledges the append, keeps accepting appends, and reopens with every record and revision', async () => {
            const fs = new CheckpointlessFileSystem();
            const log = await openFileLog({ dir, fs, checkpointBytes: 200 });
            fs.failCheckpoints = true;
            const first = await log.append('s', { type: 't', data: { n: 1, pad: 'x'.repeat(300) } });
            const second = await log.append('s', { type: 't', data: { n: 2 } }, { expectedRevision: 0 });
            expect(second.revisions).to.deep.equal([1]);
            expect(log.end).to.equal(second.end);
            await log.close();
            const reopened = await openFileLog({ dir });
            try {
                expect(reopened.end).to.equal(second.end);
                expect(reopened.streamRevision('s')).to.equal(1);
                expect((await reopened.read(first.lastOffset)).data).to.deep.include({ n: 1 });
            }
            finally {
                await reopened.close();
            }
        });
    });
});
//# sourceMappingURL=checkpoint-failure.test.js.map
// `sluice delete`, `sluice erase` (offline, through --url, killed mid-way) and `sluice export --until`, as real processes.
import { expect } from 'chai';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../store/open-store.js';
import { catRecords, parseLines, runCli, spawnCli, startServerProcess, tempDir, waitUntil, type TempDir } from '../helpers/cli-fixture.js';

function filesContaining(dir: string, needle: string): string[] {
  const bytes = Buffer.from(needle);
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (!existsSync(path)) return [];
    if (statSync(path).isDirectory()) return filesContaining(path, needle);
    return readFileSync(path).includes(bytes) ? [path] : [];
  });
}

/** Writes the store in this process (faster than the CLI): person-9's records carry the secret in data and tags. */
async function seed(tmp: TempDir, secret: string, count: number): Promise<void> {
  const store = await openStore({ dataDir: tmp.data, fsync: 'none' });
  try {
    const events = Array.from({ length: count }, (_, i) => (i % 50 === 7
      ? { stream: 'person-9', event: { type: 'noted', data: { note: `${secret}-${i}` }, tags: [`${secret}-tag`] } }
      : { stream: `s${i % 5}`, event: { type: 'T', data: { i } } }));
    for (let i = 0; i < events.length; i += 500) {
      await store.appendBatch(events.slice(i, i + 500).map(({ stream, event }) => ({ stream, events: [event] })));
    }
    await store.views.idle();
  } finally {
    await store.close();
  }
  // The writer built the views: the marker is in LMDB (the tags view) as well as in the log.
  expect(filesContaining(tmp.data, secret).some((p) => p.endsWith('data.mdb'))).to.equal(true);
}

describe('sluice delete, erase and export --until', () => {
  let tmp: TempDir;
  beforeEach(() => { tmp = tempDir(); });
  afterEach(() => tmp.remove());

  it('erases a stream offline, refuses a bad offset, soft-deletes, and exports below an offset with --until', async () => {
    await seed(tmp, 'QWZX-cli-secret', 200);
    const bad = await runCli(['erase', '3', '--data', tmp.data]);
    expect(bad.code).to.equal(1);
    expect(bad.stderr).to.include('SLUICE_ERR_LOG_NO_RECORD');
    expect(filesContaining(tmp.data, 'QWZX-cli-secret').length).to.be.greaterThan(0);

    const r = await runCli(['erase', '--stream', 'person-9', '--data', tmp.data]);
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/^erased 4 records \(\d+ bytes rewritten\)\n/);
    expect(filesContaining(tmp.data, 'QWZX-cli-secret')).to.deep.equal([]);
    expect((await runCli(['verify', '--data', tmp.data])).code).to.equal(0);

    const d = await runCli(['delete', 's2', '--data', tmp.data]);
    expect(d.code, d.stderr).to.equal(0);
    const records = await catRecords(['--data', tmp.data]);
    expect(records.filter((rec) => rec.erased === true).map((rec) => rec.stream)).to.deep.equal(['person-9', 'person-9', 'person-9', 'person-9']);
    expect(records[records.length - 1]).to.include({ stream: 's2', type: '$tombstone', revision: 36 });
    const cut = records[10]!.offset as number;
    const exported = await runCli(['export', '--until', String(cut), '--data', tmp.data]);
    expect(exported.code, exported.stderr).to.equal(0);
    expect(parseLines(exported.stdout)).to.have.length(10);
  });

  it('erases through a running server while `cat --follow` keeps following', async () => {
    await seed(tmp, 'served-secret', 100);
    const server = await startServerProcess(tmp.data);
    const follow = spawnCli(['cat', '--follow', '--data', tmp.data]);
    try {
      await follow.waitFor((out) => parseLines(out).length >= 100, 20_000, 'cat to print the log');
      const r = await runCli(['erase', '--stream', 'person-9', '--url', server.url]);
      expect(r.code, r.stderr).to.equal(0);
      expect(filesContaining(tmp.data, 'served-secret')).to.deep.equal([]);
      const d = await runCli(['delete', 's1', '--url', server.url]);
      expect(d.code, d.stderr).to.equal(0);
      expect(d.stdout).to.match(/^deleted s1: tombstone at revision 20, offset \d+\n$/);
      await follow.waitFor((out) => out.includes('"$tombstone"'), 20_000, 'cat to see the tombstone');
    } finally {
      await follow.kill('SIGTERM');
      await server.stop();
    }
  });

  it('finishes an erasure killed with -9 while its views were rebuilding, on the next open', async function () {
    this.timeout(120_000);
    await seed(tmp, 'killed-secret', 30_000);
    const journal = join(tmp.data, 'log', 'erase.journal');
    const erase = spawnCli(['erase', '--stream', 'person-9', '--data', tmp.data]);
    await waitUntil(() => existsSync(join(tmp.data, 'views.next')) || erase.child.exitCode !== null, 60_000, 'the view rebuild to start');
    await erase.kill('SIGKILL');
    expect(existsSync(journal), 'killed before the erasure finished').to.equal(true);
    const again = await runCli(['erase', '--stream', 'person-9', '--data', tmp.data]);
    expect(again.code, again.stderr).to.equal(0);
    expect(again.stdout).to.match(/^erased 0 records \(0 bytes rewritten\), 600 already erased\n/);
    expect(existsSync(journal)).to.equal(false);
    expect(filesContaining(tmp.data, 'killed-secret')).to.deep.equal([]);
    expect((await runCli(['verify', '--data', tmp.data])).code).to.equal(0);
  });

});

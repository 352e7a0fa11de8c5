// `sluice views verify` beside a running server (real processes): equal views exit 0; a live row changed behind the
// view's back exits 1 naming the sub-database, key and both values; --determinism catches Math.random().
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readActive, readStorage, storageId } from '../../core/view-engine/view-meta.js';
import { ViewStore } from '../../core/view-engine/view-store.js';
import { runCli, SLUICE_BIN, startServerProcess, tempDir, type ServerProcess, type TempDir } from '../helpers/cli-fixture.js';

function writePlugin(dir: string): void {
  writeFileSync(join(dir, 'verify-plugin.mjs'), `
export default {
  name: 'verify-test',
  views: [
    {
      name: 'counter', version: 1, dbs: { counts: {} },
      apply(record, { dbs }) { dbs.counts.put(record.type, (dbs.counts.get(record.type) ?? 0) + 1); },
      queries: {},
    },
    {
      name: 'dice', version: 1, dbs: { rolls: {} },
      apply(record, { dbs }) { dbs.rolls.put(record.offset, Math.random()); },
      queries: {},
    },
  ],
};
`);
  writeFileSync(join(dir, 'sluice.config.json'), JSON.stringify({ dataDir: './data', plugins: ['./verify-plugin.mjs'], logLevel: 'silent' }));
}

function events(count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += `{"stream":"acct-${i % 7}","type":"${i % 2 ? 'Debit' : 'Credit'}","data":{"n":${i}}}\n`;
  return out;
}

/** Writes a row into the live build of `view` from outside the server, as a bug or a stray tool would. */
async function tamper(data: string, view: string, db: string, key: string, value: unknown): Promise<void> {
  const store = ViewStore.open(join(data, 'views'));
  try {
    const meta = readStorage(store.meta, view, readActive(store.meta, view)!)!;
    const dbs = store.dbsOf(storageId(meta), { [db]: {} });
    store.write(() => dbs[db]!.putSync(key, value));
  } finally {
    await store.close();
  }
}

describe('sluice views verify', () => {
  let tmp: TempDir;
  let server: ServerProcess | undefined;
  // One server for the whole suite (starting one takes seconds); the test that changes a live row runs last.
  before(async () => {
    tmp = tempDir();
    writePlugin(tmp.dir);
    const seeded = await runCli(['append', '--batch'], { cwd: tmp.dir, input: events(40) });
    expect(seeded.code, seeded.stderr).to.equal(0);
    server = await startServerProcess('./data', ['--config', 'sluice.config.json'], { cwd: tmp.dir });
    // The server has built every view once /ready answers 200.
    for (let ready = false; !ready;) ready = (await fetch(`${server.url}/ready`)).status === 200;
  });
  after(async () => {
    await server?.stop();
    server = undefined;
    tmp.remove();
  });

  context('when every view equals its rebuild', () => {
    it('exits 0 and prints each view equal with its checksum, which sluice views shows too', async () => {
      const r = await runCli(['views', 'verify', 'streams', 'types', 'tags', 'counter'], { cwd: tmp.dir });
      expect(r.code, r.stderr).to.equal(0);
      for (const [view, version] of [['streams', 2], ['types', 2], ['tags', 2], ['counter', 1]]) expect(r.stdout).to.match(new RegExp(`^${view} v${version} build #\\d+ at offset \\d+ \\(\\d+ records\\): equal, \\d+ rows, checksum [0-9a-f]{16}$`, 'm'));
      const checksum = /^counter .*checksum ([0-9a-f]{16})$/m.exec(r.stdout)![1]!;
      const listed = await runCli(['views', '--json'], { cwd: tmp.dir });
      expect((JSON.parse(listed.stdout) as Array<{ name: string; checksum: string }>).find((v) => v.name === 'counter')!.checksum).to.equal(checksum);
      const table = await runCli(['views'], { cwd: tmp.dir });
      expect(table.stdout).to.include('CHECKSUM').and.include(checksum);
    });

    it('exits 1 with --all, since the view using Math.random() never equals its rebuild', async () => {
      const r = await runCli(['views', 'verify', '--all'], { cwd: tmp.dir });
      expect(r.code).to.equal(1);
      expect(r.stdout).to.match(/^counter v1 .*: equal/m);
      expect(r.stdout).to.match(/^dice v1 .*: DIFFERS: 40 row\(s\) differ$/m);
      expect(r.stderr).to.include('1 of 5 view(s) differ');
    });
  });

  context('with --determinism', () => {
    it('exits 1 naming a view that uses Math.random() and the first record, and passes a deterministic one', async () => {
      const r = await runCli(['views', 'verify', 'dice', 'counter', '--determinism'], { cwd: tmp.dir });
      expect(r.code).to.equal(1);
      expect(r.stdout).to.match(/^dice v1: NOT DETERMINISTIC over 40 records: first difference at the record at offset \d+/m);
      expect(r.stdout).to.match(/^counter v1: deterministic over 40 records, checksum [0-9a-f]{16}$/m);
    });
  });

  context('when stdout is a terminal', () => {
    it('draws a progress bar', function () {
      // `script` runs the command under a pseudo-terminal (util-linux).
      const r = spawnSync('script', ['-qec', `${process.execPath} ${SLUICE_BIN} views verify counter`, '/dev/null'], { cwd: tmp.dir, encoding: 'utf8', timeout: 60_000 });
      if (r.error !== undefined) this.skip();
      expect(r.stdout).to.match(/verify counter \|[█░]+\| 100%/);
      expect(r.stdout).to.include('equal');
      expect(r.status).to.equal(0);
    });
  });

  context('when the arguments are wrong', () => {
    it('exits 2 without view names or --all, and for an unknown subcommand', async () => {
      const none = await runCli(['views', 'verify'], { cwd: tmp.dir });
      expect(none.code).to.equal(2);
      expect(none.stderr).to.include('--all');
      const both = await runCli(['views', 'verify', 'counter', '--all'], { cwd: tmp.dir });
      expect(both.code).to.equal(2);
      const other = await runCli(['views', 'check'], { cwd: tmp.dir });
      expect(other.code).to.equal(2);
      const unknown = await runCli(['views', 'verify', 'nope'], { cwd: tmp.dir });
      expect(unknown.code).to.equal(1);
      expect(unknown.stderr).to.include('SLUICE_ERR_VIEW_NOT_FOUND');
    });
  });
  context('when a live row was changed behind the view\'s back (last: it leaves the row changed)', () => {
    it('exits 1 and prints the first differing sub-database, key, both values and the count', async () => {
      await tamper(join(tmp.dir, 'data'), 'counter', 'counts', 'Credit', 999);
      const r = await runCli(['views', 'verify', 'counter', 'streams'], { cwd: tmp.dir });
      expect(r.code).to.equal(1);
      expect(r.stdout).to.match(/^counter v1 .*: DIFFERS: 1 row\(s\) differ$/m);
      expect(r.stdout).to.include('first difference: sub-database "counts", key "Credit"');
      expect(r.stdout).to.match(/^ {4}live: {4}999$/m);
      expect(r.stdout).to.match(/^ {4}rebuilt: 20$/m);
      expect(r.stdout).to.match(/^streams v2 .*: equal/m);
      expect(r.stderr).to.include('1 of 2 view(s) differ');
      const json = await runCli(['views', 'verify', 'counter', '--json'], { cwd: tmp.dir });
      expect(json.code).to.equal(1);
      expect(JSON.parse(json.stdout)[0]).to.deep.include({ equal: false, differences: 1, first: { db: 'counts', key: 'Credit', live: 999, rebuilt: 20 } });
    });
  });

});

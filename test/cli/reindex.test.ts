import { expect } from 'chai';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, spawnCli, startServerProcess, tempDir, waitUntil, type ServerProcess, type TempDir } from '../helpers/cli-fixture.js';

/**
 * A plugin with one view, `counter`, whose answers tell its versions apart: v1 counts 1 per record, v2 counts 10.
 * `spinMicros` makes every apply take that long, so a build lasts long enough to be interrupted on any machine.
 */
function writeCounterPlugin(dir: string, version: number, spinMicros = 0): void {
  writeFileSync(join(dir, 'counter-plugin.mjs'), `
export default {
  name: 'counter-test',
  views: [{
    name: 'counter',
    version: ${version},
    dbs: { counts: {} },
    apply(record, { dbs }) {
      for (const until = performance.now() + ${spinMicros / 1000}; performance.now() < until;);
      dbs.counts.putSync(record.type, (dbs.counts.get(record.type) ?? 0) + ${version === 1 ? 1 : 10});
    },
    queries: {
      count: {
        params: { type: 'object', properties: { type: { type: 'string' } }, required: ['type'], additionalProperties: false },
        handler: ({ type }, { dbs }) => ({ count: dbs.counts.get(type) ?? 0 }),
      },
    },
  }],
};
`);
  writeFileSync(join(dir, 'sluice.config.json'), JSON.stringify({ dataDir: './data', plugins: ['./counter-plugin.mjs'], logLevel: 'silent' }));
}

function events(count: number, from = 0): string {
  let out = '';
  for (let i = from; i < from + count; i++) out += `{"stream":"acct-${i % 100}","type":"${i % 2 ? 'Debit' : 'Credit'}","data":{"n":${i}},"tags":["t${i % 5}"]}\n`;
  return out;
}

async function seed(tmp: TempDir, count: number): Promise<void> {
  const r = await runCli(['append', '--batch', '--data-dir', tmp.data], { input: events(count) });
  expect(r.code, r.stderr).to.equal(0);
}

interface ViewRow {
  name: string; version: number; state: string; serving: boolean; build: number | null; position: number | null;
  servingVersion?: number;
  builds: Array<{ build: number; state: string; builder: string }>;
}

async function viewsJson(tmp: TempDir): Promise<ViewRow[]> {
  const r = await runCli(['views', '--json'], { cwd: tmp.dir });
  expect(r.code, r.stderr).to.equal(0);
  return JSON.parse(r.stdout) as ViewRow[];
}

async function count(server: ServerProcess, type: string): Promise<{ status: number; body: { count?: number; code?: string } }> {
  const res = await fetch(`${server.url}/views/counter/count?type=${type}`);
  return { status: res.status, body: (await res.json()) as { count?: number; code?: string } };
}

describe('sluice reindex @slow', () => {
  let tmp: TempDir;
  let server: ServerProcess | undefined;
  beforeEach(() => { tmp = tempDir(); });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    tmp.remove();
  });

  it('exits 2 without view names or --all, and 1 for an unknown view', async () => {
    await seed(tmp, 1);
    const none = await runCli(['reindex', '--data', tmp.data]);
    expect(none.code).to.equal(2);
    expect(none.stderr).to.include('--all');
    const unknown = await runCli(['reindex', 'nope', '--data', tmp.data]);
    expect(unknown.code).to.equal(1);
    expect(unknown.stderr).to.include('SLUICE_ERR_VIEW_NOT_FOUND');
  });

  it('exits 1 naming the offset when a view\'s apply throws, and still builds the other views', async () => {
    writeFileSync(join(tmp.dir, 'boom-plugin.mjs'), `
export default { name: 'boom', views: [{
  name: 'boom', version: 1, dbs: { rows: {} },
  apply(record, { dbs }) { if (record.type === 'Bad') throw new Error('cannot handle Bad'); dbs.rows.putSync(record.offset, 1); },
  queries: {},
}] };
`);
    writeFileSync(join(tmp.dir, 'sluice.config.json'), JSON.stringify({ dataDir: './data', plugins: ['./boom-plugin.mjs'] }));
    await seed(tmp, 3);
    const bad = await runCli(['append', 's', '--type', 'Bad', '--data', '1', '--data-dir', tmp.data]);
    const r = await runCli(['reindex', 'boom', 'types'], { cwd: tmp.dir });
    expect(r.code).to.equal(1);
    expect(r.stdout).to.include(`boom v1 build #1: FAILED at offset ${bad.stdout.trim()}: cannot handle Bad`);
    expect(r.stdout).to.match(/types v2 build #1: ready/);
    expect(r.stderr).to.include('fix the view code');
  });

  it('stops cleanly on Ctrl-C, leaving the unfinished builds out of service (exit 1, resumable)', async function () {
    this.timeout(30_000);
    writeCounterPlugin(tmp.dir, 1, 50);
    await seed(tmp, 40_000);
    const run = spawnCli(['reindex', 'counter', '--batch', '1000'], { cwd: tmp.dir });
    await run.waitFor((out) => /reindex counter: (?!0\.0%)(?!100\.0%)\d+\.\d+%/.test(out), 20_000, 'progress past the start');
    const r = await run.kill('SIGINT');
    expect(r.code).to.equal(1);
    expect(r.stdout).to.match(/counter v1 build #1: unfinished at offset \d+/);
    expect(r.stderr).to.include('Run the same command again to resume');
    const counter = (await viewsJson(tmp)).find((v) => v.name === 'counter')!;
    expect(counter).to.include({ serving: false });
    expect(counter.builds.map((b) => b.state)).to.deep.equal(['building']);
  });

  it('builds every view offline, prints plain progress lines when not on a terminal, and a server start serves them', async () => {
    writeCounterPlugin(tmp.dir, 1);
    await seed(tmp, 500);
    const r = await runCli(['reindex', '--all'], { cwd: tmp.dir });
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stdout).to.match(/reindex all views: 100\.0% \(offset \d+ of \d+\), 500 records, \d+ rec\/s, ETA 0 s/);
    for (const view of ['streams v2', 'types v2', 'tags v2', 'counter v1']) expect(r.stdout).to.match(new RegExp(`${view} build #1: ready`));
    expect(r.stdout).to.include('The next `sluice serve`');
    const before = await viewsJson(tmp);
    expect(before.find((v) => v.name === 'counter')).to.include({ serving: false });
    expect(before.find((v) => v.name === 'counter')!.builds[0]).to.include({ build: 1, state: 'ready' });

    server = await startServerProcess(tmp.data, ['--config', join(tmp.dir, 'sluice.config.json')]);
    expect(await count(server, 'Debit')).to.deep.equal({ status: 200, body: { count: 250 } });
    const after = await viewsJson(tmp);
    for (const view of after) {
      expect(view, view.name).to.include({ serving: true, state: 'ready' });
      expect(view.builds, view.name).to.deep.equal([]);
    }
  });

  it('builds a new version while a server keeps answering queries; after a restart the new version answers without a rebuild', async function () {
    this.timeout(60_000);
    writeCounterPlugin(tmp.dir, 1);
    await seed(tmp, 20_000);
    server = await startServerProcess(tmp.data, [], { cwd: tmp.dir });
    await waitUntil(async () => (await count(server!, 'Debit')).body.count === 10_000, 20_000, 'the v1 view to catch up');

    // New code on disk: the running server still has v1 loaded; reindex loads v2 from the same config.
    writeCounterPlugin(tmp.dir, 2);
    const reindex = spawnCli(['reindex', 'counter'], { cwd: tmp.dir });
    let done = false;
    const answers: number[] = [];
    const polling = (async () => {
      while (!done) {
        const { status, body } = await count(server!, 'Debit');
        expect(status, JSON.stringify(body)).to.equal(200);
        answers.push(body.count!);
      }
    })();
    // Records appended during the reindex: the restarted server catches up only this tail.
    const tail = await runCli(['append', 'late', '--type', 'Debit', '--data', '1', '--url', server.url]);
    expect(tail.code, tail.stderr).to.equal(0);
    const result = await reindex.exited;
    done = true;
    await polling;
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/counter v2 build #2: ready/);
    expect(result.stdout).to.include(`Restart the server (pid ${server.proc.pid})`);
    expect(answers.length).to.be.greaterThan(0);
    expect(answers.every((n) => n === 10_000 || n === 10_001)).to.equal(true); // v1 kept answering

    const waiting = (await viewsJson(tmp)).find((v) => v.name === 'counter')!;
    expect(waiting.builds.map((b) => [b.build, b.state])).to.deep.include([2, 'ready']);
    expect(waiting).to.include({ serving: false, servingVersion: 1 }); // the running server still serves v1

    expect((await server.stop()).code).to.equal(0);
    server = await startServerProcess(tmp.data, [], { cwd: tmp.dir });
    // The first answer already comes from v2, from the build reindex made (#2), not a rebuild (#3).
    const first = await count(server, 'Debit');
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    await waitUntil(async () => (await count(server!, 'Debit')).body.count === 100_010, 10_000, 'v2 to catch up the tail');
    const counter = (await viewsJson(tmp)).find((v) => v.name === 'counter')!;
    expect(counter).to.include({ version: 2, serving: true, state: 'ready', build: 2 });
    const status = (await (await fetch(`${server.url}/views/counter`)).json()) as { state: string };
    expect(status.state).to.equal('ready');
    const r = await runCli(['views'], { cwd: tmp.dir });
    expect(r.stdout).to.match(/^counter\s+2\s+ready\s+\d+/m);
  });

  it('after kill -9 mid-build leaves nothing half-built in service; the rerun resumes and finishes', async function () {
    this.timeout(60_000);
    writeCounterPlugin(tmp.dir, 1, 50); // 40,000 records take at least 2 s to build
    await seed(tmp, 40_000);
    const first = spawnCli(['reindex', '--all', '--batch', '1000'], { cwd: tmp.dir });
    await first.waitFor((out) => /reindex all views: (?!0\.0%)(?!100\.0%)\d+\.\d+%/.test(out), 30_000, 'progress past the start');
    const killed = await first.kill('SIGKILL');
    expect(killed.signal).to.equal('SIGKILL');

    const halfway = await viewsJson(tmp);
    const counter = halfway.find((v) => v.name === 'counter')!;
    expect(counter).to.include({ serving: false });
    expect(counter.builds.map((b) => b.state)).to.deep.equal(['building']);
    for (const view of halfway) expect(view, view.name).to.include({ serving: false });

    const rerun = await runCli(['reindex', '--all'], { cwd: tmp.dir });
    expect(rerun.code, rerun.stderr).to.equal(0);
    expect(rerun.stdout).to.match(/counter v1 build #1 \(resumed\): ready at offset \d+ \(40000 records\)/);
    for (const view of ['streams', 'types', 'tags']) expect(rerun.stdout).to.match(new RegExp(`${view} v2 build #1( \\(resumed\\))?: ready at offset \\d+ \\(40000 records\\)`));

    server = await startServerProcess(tmp.data, [], { cwd: tmp.dir });
    expect(await count(server, 'Debit')).to.deep.equal({ status: 200, body: { count: 20_000 } });
    const after = await viewsJson(tmp);
    for (const view of after) expect(view, view.name).to.include({ serving: true, state: 'ready', build: 1 });
  });
});

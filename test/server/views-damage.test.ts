// A view rebuilding across a damaged log record, against real server processes: it says it is stalled (status,
// /metrics, a 503 without Retry-After), and the operator's way forward (HTTP, CLI, or the config switch) takes it past
// the damage, applies every record after it, and lists the skipped range, which survives restarts.
import { expect } from 'chai';
import { runCli, startServerProcess, tempDir, waitUntil, type ServerProcess, type TempDir } from '../helpers/cli-fixture.js';
import { writeDamagedStore, type DamagedStore } from '../helpers/damaged-store.js';

interface Status { name: string; state: string; error?: { message: string; offset: number | null }; skipped?: Array<{ from: number; to: number; reason: string }>; position: number | null }

async function status(server: ServerProcess, view: string): Promise<Status> {
  return await (await fetch(`${server.url}/views/${view}`)).json() as Status;
}

async function waitForState(server: ServerProcess, view: string, state: string): Promise<Status> {
  let last: Status | undefined;
  await waitUntil(async () => (last = await status(server, view)).state === state, 20_000, `${view} to be ${state} (last ${JSON.stringify(last)})`);
  return last!;
}

describe('views across a damaged log record (real server)', () => {
  let tmp: TempDir;
  let store: DamagedStore;
  let server: ServerProcess | undefined;
  beforeEach(async () => {
    tmp = tempDir('sluice-views-damage-');
    store = await writeDamagedStore(tmp.data);
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    tmp.remove();
  });

  const lastGood = (): number => store.good[store.good.length - 1]!.offset;

  it('stalls with the offset and reason in status, metrics and a 503 without Retry-After; skipping takes it on and survives restarts', async () => {
    server = await startServerProcess(tmp.data);
    const stalled = await waitForState(server, 'streams', 'stalled');
    expect(stalled.error).to.deep.equal({ message: 'checksum mismatch', offset: store.damaged.from });
    expect(stalled.position).to.equal(store.good[4]!.offset);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).to.include('sluice_view_state{view="streams",state="stalled"} 1');
    expect(metrics).to.include('sluice_view_state{view="streams",state="rebuilding"} 0');
    expect(metrics).to.include(`sluice_view_stalled_offset{view="streams"} ${store.damaged.from}`);

    const refused = await fetch(`${server.url}/views/streams/get?stream=s0`);
    expect(refused.status).to.equal(503);
    expect(refused.headers.get('retry-after')).to.equal(null);
    const body = await refused.json() as { code: string; stalled: unknown; view: string };
    expect(body).to.deep.include({ code: 'SLUICE_ERR_VIEW_STALLED', view: 'streams', stalled: { offset: store.damaged.from, reason: 'checksum mismatch' } });

    // The way forward over HTTP, for one view: the others stay stalled.
    const skipped = await fetch(`${server.url}/views/streams/skip-damaged`, { method: 'POST' });
    expect(skipped.status).to.equal(200);
    const ready = await waitForState(server, 'streams', 'ready');
    expect(ready.skipped).to.have.length(1);
    expect(ready.skipped![0]).to.include({ ...store.damaged, reason: 'checksum mismatch' });
    expect(ready.position).to.equal(lastGood());
    expect((await status(server, 'types')).state).to.equal('stalled');
    // Records after the damage are applied; the damaged one is not there.
    expect(await (await fetch(`${server.url}/views/streams/get?stream=s11`)).json()).to.include({ revision: 0 });
    expect((await fetch(`${server.url}/views/streams/get?stream=s5`)).status).to.equal(404);
    expect(await (await fetch(`${server.url}/metrics`)).text()).to.include('sluice_view_skipped_ranges{view="streams"} 1');
    await server.stop();
    server = undefined;

    // Offline: `sluice views` shows what the server left; `views skip-damaged` takes the other view on.
    const listed = await runCli(['views', '--json', '--data', tmp.data]);
    const views = JSON.parse(listed.stdout) as Status[];
    expect(views.find((v) => v.name === 'types')).to.include({ state: 'stalled' });
    expect(views.find((v) => v.name === 'streams')!.skipped![0]).to.include(store.damaged);
    const table = await runCli(['views', '--data', tmp.data]);
    expect(table.stdout).to.match(/types .*stalled .*stalled before damaged offset/);
    const cli = await runCli(['views', 'skip-damaged', 'types', '--data', tmp.data]);
    expect(cli.code, cli.stderr).to.equal(0);
    expect(cli.stdout).to.include(`skipped damaged offsets ${store.damaged.from}..${store.damaged.to} (checksum mismatch)`);

    // A restart keeps the skipped ranges (in the views' meta) and does not stall again.
    server = await startServerProcess(tmp.data);
    for (const view of ['streams', 'types']) {
      const after = await waitForState(server, view, 'ready');
      expect(after.skipped!.map((r) => [r.from, r.to])).to.deep.equal([[store.damaged.from, store.damaged.to]]);
      expect(after.position).to.equal(lastGood());
    }
    expect((await status(server, 'tags')).state).to.equal('stalled');
  });

  it('with --skip-damaged (views.skipDamaged) passes over the damage at once and lists it', async () => {
    server = await startServerProcess(tmp.data, ['--skip-damaged']);
    for (const view of ['streams', 'types', 'tags']) {
      const ready = await waitForState(server, view, 'ready');
      expect(ready.skipped!.map((r) => [r.from, r.to])).to.deep.equal([[store.damaged.from, store.damaged.to]]);
      expect(ready.position).to.equal(lastGood());
    }
    expect(await (await fetch(`${server.url}/views/streams/get?stream=s6`)).json()).to.include({ revision: 0 });
  });
});

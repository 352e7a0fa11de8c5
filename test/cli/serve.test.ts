import { expect } from 'chai';
import { openStore } from '../../store/open-store.js';
import { catRecords, parseLines, runCli, startServerProcess, tempDir, waitUntil, type ServerProcess, type TempDir } from '../helpers/cli-fixture.js';

describe('sluice serve beside the other commands @slow', () => {
  let tmp: TempDir;
  let server: ServerProcess | undefined;
  beforeEach(async () => {
    tmp = tempDir();
    expect((await runCli(['append', 'seed', '--type', 'T', '--data', '0', '--data-dir', tmp.data])).code).to.equal(0);
    server = await startServerProcess(tmp.data);
  });
  afterEach(async () => {
    await server?.stop();
    tmp.remove();
  });

  it('serves HTTP and exits 0 on SIGTERM', async () => {
    const res = await fetch(`${server!.url}/ready`);
    expect(res.status).to.equal(200);
    const r = await server!.stop();
    server = undefined;
    expect(r.code).to.equal(0);
  });

  it('append refuses while the server holds the store, naming its pid and suggesting --url', async () => {
    const r = await runCli(['append', 's', '--type', 'T', '--data', '1', '--data-dir', tmp.data]);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('SLUICE_ERR_CLI_STORE_BUSY');
    expect(r.stderr).to.include(`pid ${server!.proc.pid}`);
    expect(r.stderr).to.include(`--url ${server!.url}`); // the address the server really listens on (port 0 here)
    const imported = await runCli(['import', '--data', tmp.data], { input: '{"stream":"s","type":"T","data":1}\n' });
    expect(imported.code).to.equal(1);
    expect(imported.stderr).to.include('SLUICE_ERR_CLI_STORE_BUSY');
    expect(imported.stderr).to.include('stop it first');
    expect(imported.stderr).to.not.include('--url'); // import has no --url: it must not suggest one
  });

  it('append --url sends JSON, bytes and batches through the server; cat, get, head and verify read beside it', async () => {
    const json = await runCli(['append', 's', '--type', 'J', '--data', '{"a":1}', '--url', server!.url]);
    expect(json.code, json.stderr).to.equal(0);
    const offset = Number(json.stdout.trim());
    const bytes = Buffer.from([1, 2, 3, 0, 255]);
    const bin = await runCli(['append', 's', '--type', 'B', '--url', server!.url], { input: bytes });
    expect(bin.code, bin.stderr).to.equal(0);
    const batch = await runCli(['append', 's', '--batch', '--type', 'N', '--expected-revision', '1', '--url', server!.url], {
      input: `{"data":1}\n{"data":"${bytes.toString('base64')}","encoding":"base64"}\n`,
    });
    expect(batch.code, batch.stderr).to.equal(0);
    expect(batch.stdout.trim().split('\n')).to.have.length(2);
    const conflict = await runCli(['append', 's', '--type', 'J', '--data', '1', '--expected-revision', '0', '--url', server!.url]);
    expect(conflict.code).to.equal(1);
    expect(conflict.stderr).to.include('409');

    const recs = await catRecords(['--stream', 's', '--data', tmp.data]);
    expect(recs.map((x) => x.type)).to.deep.equal(['J', 'B', 'N', 'N']);
    expect(Buffer.from(recs[1]!.data as string, 'base64').equals(bytes)).to.equal(true);
    expect(recs[3]).to.include({ encoding: 'base64', data: bytes.toString('base64') }); // a binary batch line over --url
    expect(parseLines((await runCli(['get', String(offset), '--data', tmp.data])).stdout)[0]).to.include({ type: 'J', revision: 0 });
    expect(parseLines((await runCli(['head', 's', '--data', tmp.data])).stdout)[0]).to.include({ revision: 3 });
    expect((await runCli(['verify', '--data', tmp.data])).code).to.equal(0);
  });

  it('append --url to a server that is not there exits 1 and says so', async () => {
    const r = await runCli(['append', 's', '--type', 'T', '--data', '1', '--url', 'http://127.0.0.1:9']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('SLUICE_ERR_CLI_SERVER_UNREACHABLE');
  });

  it('a second serve on the same data directory exits 1 naming the holder', async () => {
    const r = await runCli(['serve', '--data', tmp.data, '--port', '0', '--log-level', 'silent']);
    expect(r.code).to.equal(1);
    expect(r.stderr).to.include('SLUICE_ERR_LOG_LOCKED');
    expect(r.stderr).to.include(String(server!.proc.pid));
  });

  it('serve exits 2 on a bad flag, naming it', async () => {
    const r = await runCli(['serve', '--data', tmp.data, '--fsync', 'sometimes']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('--fsync');
  });
});

describe('sluice serve --retention-max-bytes / --retention-max-age-ms', () => {
  let tmp: TempDir;
  let server: ServerProcess | undefined;
  beforeEach(() => { tmp = tempDir(); });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
    tmp.remove();
  });

  it('applies retention on start: the log starts at a later segment and reads below it answer 410', async () => {
    // A log of many small sealed segments (the server's own segments are 128 MiB).
    const store = await openStore({ dataDir: tmp.data, fsync: 'none', segmentBytes: 4096 });
    for (let i = 0; i < 200; i++) await store.append(`s-${i % 5}`, { type: 'T', data: { i, pad: 'x'.repeat(60) } });
    await store.close();
    server = await startServerProcess(tmp.data, ['--retention-max-bytes', '5000', '--retention-max-age-ms', '86400000']);
    await waitUntil(async () => ((await (await fetch(`${server!.url}/ready`)).json()) as { start: number }).start > 0, 10_000, 'retention to run');
    const { start, end } = (await (await fetch(`${server.url}/ready`)).json()) as { start: number; end: number };
    expect(end - start).to.be.at.most(5000 + 4096);
    const below = await fetch(`${server.url}/log?from=0`);
    expect(below.status).to.equal(410);
  });

  it('exits 2 on a bad value, naming the flag', async () => {
    const r = await runCli(['serve', '--data', tmp.data, '--retention-max-bytes', 'lots']);
    expect(r.code).to.equal(2);
    expect(r.stderr).to.include('--retention-max-bytes');
  });
});

// Cluster mode under faults, with real processes: NATS unreachable at start, the JetStream leader killed -9 during
// concurrent appends (0 acknowledged appends lost, 0 duplicated), and quorum lost (503 appends, reads serve, /ready
// says why).
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getJson, postJson, readWholeLog, runCli, startClusterNode, waitForConvergence, type ClusterNodeProcess } from '../helpers/cluster-node.js';
import { waitUntil } from '../helpers/http-fixture.js';
import { freePort, natsServerAvailable, startNatsCluster, type NatsCluster } from '../helpers/nats-cluster.js';

interface Acked {
  readonly key: string;
  readonly offset: number;
}

/** Appends from `workers` loops, each through node w % nodes, until stop(); every 201 is recorded with its key. */
function appendLoad(urls: readonly string[], workers: number, acked: Acked[], refused: { count: number }): { stop: () => Promise<void> } {
  let running = true;
  const loops = Array.from({ length: workers }, async (_, w) => {
    for (let seq = 0; running; seq++) {
      const key = `${w}:${seq}`;
      const res = await postJson(`${urls[w % urls.length]}/streams/load-${w}`, { type: 'Load', data: { key } }).catch(() => undefined);
      if (res?.status === 201) acked.push({ key, offset: res.body.lastOffset });
      else refused.count++;
    }
  });
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
    },
  };
}

describe('cluster faults', function () {
  this.timeout(90_000);
  let nats: NatsCluster | undefined;
  let dirs: string[] = [];
  let nodes: ClusterNodeProcess[] = [];

  before(function () {
    if (!natsServerAvailable()) this.skip();
  });

  async function startAll(count: number, env: Record<string, string> = {}): Promise<void> {
    nats = await startNatsCluster();
    dirs = Array.from({ length: count }, () => mkdtempSync(join(tmpdir(), 'sluice-node-')));
    nodes = await Promise.all(dirs.map((dir) => startClusterNode(dir, nats!.urls, env)));
  }

  afterEach(async () => {
    await Promise.all(nodes.map((node) => node.stop()));
    await nats?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    nodes = [];
    dirs = [];
    nats = undefined;
  });

  context('when NATS is unreachable at start', () => {
    it('exits non-zero with a message naming the URL', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'sluice-node-'));
      dirs.push(dir);
      const url = `nats://127.0.0.1:${await freePort()}`;
      const run = runCli(['serve', '--data', dir, '--nats', url]);
      expect(await run.exited).to.equal(1);
      expect(run.output()).to.include('SLUICE_ERR_CLUSTER_NATS_UNREACHABLE').and.to.include(url);
    });
  });

  context('when the stream leader is killed -9 during concurrent appends', () => {
    it('loses no acknowledged append and duplicates none', async () => {
      await startAll(3);
      const urls = nodes.map((n) => n.url);
      const acked: Acked[] = [];
      const refused = { count: 0 };
      const load = appendLoad(urls, 6, acked, refused);
      await waitUntil(() => acked.length >= 30, 30_000, 'appends before the kill');
      const { body } = await getJson(`${urls[0]}/cluster`);
      const leader = nats!.servers.findIndex((s) => s.name === body.stream.leader);
      expect(leader).to.be.at.least(0);
      await nats!.kill(leader);
      const atKill = acked.length;
      await waitUntil(() => acked.length >= atKill + 30, 60_000, 'appends after a new leader is elected');
      await load.stop();
      await waitForConvergence(urls, 30_000);
      const logs = await Promise.all(urls.map(readWholeLog));
      expect(logs[1]).to.deep.equal(logs[0]);
      expect(logs[2]).to.deep.equal(logs[0]);
      const keys = (logs[0] as Array<{ offset: number; data: { key: string } }>).map((r) => r.data.key);
      expect(new Set(keys).size, 'no append stored twice').to.equal(keys.length);
      const offsetOf = new Map((logs[0] as Array<{ offset: number; data: { key: string } }>).map((r) => [r.data.key, r.offset]));
      const lost = acked.filter((a) => offsetOf.get(a.key) !== a.offset);
      expect(lost, 'acknowledged appends missing or moved').to.deep.equal([]);
    });
  });

  context('when the cluster loses its quorum', () => {
    it('answers appends 503 with Retry-After, keeps serving reads, and says why on /ready', async () => {
      await startAll(2, { SLUICE_CLUSTER_APPEND_TIMEOUT_MS: '1500' });
      const [a, b] = nodes.map((n) => n.url) as [string, string];
      const first = await postJson(`${a}/streams/q`, { type: 'Before' });
      expect(first.status).to.equal(201);
      await waitForConvergence([a, b]);
      await nats!.kill(1);
      await nats!.kill(2);
      const refused = await postJson(`${b}/streams/q`, { type: 'During' });
      expect(refused.status).to.equal(503);
      expect(refused.body.code).to.equal('SLUICE_ERR_CLUSTER_UNAVAILABLE');
      expect(Number(refused.headers.get('retry-after'))).to.be.greaterThan(0);
      const read = await getJson(`${a}/streams/q`);
      expect(read.status).to.equal(200);
      expect(read.body.events.map((e: { type: string }) => e.type)).to.deep.equal(['Before']);
      expect((await getJson(`${b}/log/${first.body.lastOffset}`)).body.type).to.equal('Before');
      await waitUntil(async () => (await getJson(`${a}/ready`)).status === 503, 30_000, '/ready to notice');
      const ready = await getJson(`${a}/ready`);
      expect(ready.body.code).to.equal('SLUICE_ERR_CLUSTER_NOT_READY');
      expect(ready.body.message).to.match(/stream SLUICE|NATS/);
      const status = await getJson(`${a}/cluster`);
      expect(status.status).to.equal(200);
      expect(status.body.streamError).to.be.a('string');

      // Quorum back: appends are stored again, and both nodes apply them.
      await nats!.restart(1);
      await waitUntil(async () => (await postJson(`${a}/streams/q`, { type: 'After' })).status === 201, 30_000, 'an append after quorum returns');
      await waitForConvergence([a, b], 30_000);
      const types = ((await getJson(`${b}/streams/q`)).body.events as { type: string }[]).map((e) => e.type);
      expect(types[0]).to.equal('Before');
      expect(types).to.include('After');
      // The refused append's outcome was unknown, as its 503 says: b's NATS client may still send it once its
      // connection is back (seen in CI: stored after 'After'), but never twice.
      expect(types.filter((t) => t === 'During').length).to.be.at.most(1);
    });
  });
});

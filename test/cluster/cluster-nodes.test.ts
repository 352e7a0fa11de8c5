// Cluster mode with real parts: a 3-node nats-server cluster and Sluice nodes as child processes (`sluice serve
// --nats`). Every node must hold the same records at the same offsets, answer views alike, let exactly one of
// racing conditional appends win, and catch up after kill -9.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getJson, postJson, readWholeLog, runCli, startClusterNode, waitForConvergence, type ClusterNodeProcess } from '../helpers/cluster-node.js';
import { waitUntil } from '../helpers/http-fixture.js';
import { natsServerAvailable, startNatsCluster, type NatsCluster } from '../helpers/nats-cluster.js';

describe('cluster nodes', function () {
  this.timeout(60_000);
  let nats: NatsCluster;
  let dirs: string[] = [];
  let nodes: ClusterNodeProcess[] = [];

  before(function () {
    if (!natsServerAvailable()) this.skip();
  });

  async function startAll(count: number): Promise<void> {
    nats = await startNatsCluster();
    dirs = Array.from({ length: count }, () => mkdtempSync(join(tmpdir(), 'sluice-node-')));
    nodes = await Promise.all(dirs.map((dir) => startClusterNode(dir, nats.urls)));
  }

  async function stopAll(): Promise<void> {
    await Promise.all(nodes.map((node) => node.stop()));
    await nats?.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    nodes = [];
    dirs = [];
  }

  context('when appends arrive through three nodes', () => {
    before(async () => startAll(3));
    after(stopAll);

    it('gives every record the same offset, revision and content on every node', async () => {
      const [a, b, c] = nodes.map((n) => n.url) as [string, string, string];
      const answers = await Promise.all([
        postJson(`${a}/streams/acct-1`, { type: 'Opened', data: { owner: 'ann' }, tags: ['money'] }),
        postJson(`${b}/streams/acct-2`, { events: [{ type: 'Opened', data: { owner: 'bob' } }, { type: 'Deposited', data: { amount: 5 }, meta: { by: 'teller' } }] }),
        fetch(`${c}/streams/blob?type=Image`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0, 1, 2, 255]) }).then(async (r) => ({ status: r.status, body: await r.json() })),
        postJson(`${a}/streams/acct-1`, { type: 'Deposited', data: { amount: 100 }, tags: ['money'], ts: 1_700_000_000_000 }),
      ]);
      for (const answer of answers) expect(answer.status, JSON.stringify(answer.body)).to.equal(201);
      await waitForConvergence([a, b, c]);
      const logs = await Promise.all([a, b, c].map(readWholeLog));
      expect(logs[0]).to.have.length(5);
      expect(logs[1]).to.deep.equal(logs[0]);
      expect(logs[2]).to.deep.equal(logs[0]);
      // Offsets a node answered with are the offsets of the same records everywhere.
      for (const answer of answers) {
        for (const offset of answer.body.offsets as number[]) {
          const records = await Promise.all([a, b, c].map(async (url) => (await getJson(`${url}/log/${offset}`)).body));
          expect(records[0].stream).to.equal(answer.body.stream);
          expect(records[1]).to.deep.equal(records[0]);
          expect(records[2]).to.deep.equal(records[0]);
        }
      }
    });

    it('answers view queries identically on every node', async () => {
      const urls = nodes.map((n) => n.url);
      for (let i = 0; i < 12; i++) {
        const res = await postJson(`${urls[i % 3]}/streams/views-${i % 4}`, { type: i % 2 ? 'Odd' : 'Even', data: { i }, tags: [`t${i % 3}`] });
        expect(res.status).to.equal(201);
      }
      await waitForConvergence(urls);
      for (const path of ['/views/streams/get?stream=views-1', '/views/tags/records?tag=t1', '/views/types/records?type=Odd', '/streams?prefix=views-']) {
        const answers = await Promise.all(urls.map(async (url) => getJson(`${url}${path}`)));
        expect(answers[0]!.status, path).to.equal(200);
        expect(answers[1]!.body, path).to.deep.equal(answers[0]!.body);
        expect(answers[2]!.body, path).to.deep.equal(answers[0]!.body);
      }
    });

    it('lets a client read its write on another node with after=<offset>', async () => {
      const [a, b] = nodes.map((n) => n.url) as [string, string];
      for (let i = 0; i < 5; i++) {
        const { body } = await postJson(`${a}/streams/ryw`, { type: 'Noted', data: { i }, tags: ['ryw'] });
        const [view, record] = await Promise.all([
          getJson(`${b}/views/streams/get?stream=ryw&after=${body.lastOffset}`),
          getJson(`${b}/log/${body.lastOffset}`),
        ]);
        expect(view.status).to.equal(200);
        expect(view.body.revision).to.equal(i);
        expect(record.body).to.include({ stream: 'ryw', revision: i });
        const page = await getJson(`${b}/log?after=${body.lastOffset}&limit=1`);
        expect(page.status, JSON.stringify(page.body)).to.equal(200);
        expect(page.body.next).to.be.greaterThan(body.lastOffset);
      }
    });

    it('lets exactly one of racing conditional appends through different nodes win', async () => {
      const urls = nodes.map((n) => n.url);
      expect((await postJson(`${urls[0]}/streams/race`, { type: 'Opened' })).status).to.equal(201);
      await waitForConvergence(urls);
      for (let round = 0; round < 6; round++) {
        const racers = Array.from({ length: 9 }, (_, i) => postJson(`${urls[i % 3]}/streams/race`, { events: [{ type: 'Won', data: { round, i } }], expectedRevision: round }));
        const answers = await Promise.all(racers);
        const statuses = answers.map((a) => a.status).sort();
        expect(statuses, JSON.stringify(answers.map((a) => a.body))).to.deep.equal([201, 409, 409, 409, 409, 409, 409, 409, 409]);
        for (const loser of answers.filter((a) => a.status === 409)) expect(loser.body.code).to.equal('SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION');
      }
      await waitForConvergence(urls);
      const streams = await Promise.all(urls.map(async (url) => (await getJson(`${url}/streams/race`)).body));
      expect(streams[0].events.map((e: { revision: number }) => e.revision)).to.deep.equal([0, 1, 2, 3, 4, 5, 6]);
      expect(streams[1]).to.deep.equal(streams[0]);
      expect(streams[2]).to.deep.equal(streams[0]);
    });

    it('answers GET /cluster, /ready and /metrics with the stream and this node\'s position', async () => {
      const { status, body } = await getJson(`${nodes[0]!.url}/cluster`);
      expect(status).to.equal(200);
      expect(body.stream).to.include({ name: 'SLUICE', replicas: 3 });
      expect(body.stream.leader).to.match(/^n[123]$/);
      expect(body.node.appliedSequence).to.equal(body.stream.lastSequence);
      expect(body.node).to.include({ following: true, caughtUp: true, lagMessages: 0 });
      expect((await getJson(`${nodes[1]!.url}/ready`)).status).to.equal(200);
      const metrics = await (await fetch(`${nodes[2]!.url}/metrics`)).text();
      expect(metrics).to.match(new RegExp(`^sluice_cluster_applied_sequence ${body.stream.lastSequence}$`, 'm'));
      expect(metrics).to.match(/^sluice_cluster_stream_has_leader 1$/m);
      expect(metrics).to.match(/^sluice_cluster_appends_acknowledged_total \d+$/m);
      const table = runCli(['cluster', 'status', '--url', nodes[0]!.url]);
      expect(await table.exited).to.equal(0);
      expect(table.output()).to.match(/stream {8}SLUICE {2}R3 {2}leader n[123]/).and.to.include('following');
      const json = runCli(['cluster', 'status', '--url', nodes[1]!.url, '--json']);
      expect(await json.exited).to.equal(0);
      expect(JSON.parse(json.output()).node.appliedSequence).to.equal(body.stream.lastSequence);
    });
  });

  context('when a node is killed -9 and restarts', () => {
    before(async () => startAll(3));
    after(stopAll);

    it('catches up from its own position and serves the same log and views', async () => {
      const urls = nodes.map((n) => n.url);
      for (let i = 0; i < 30; i++) expect((await postJson(`${urls[i % 3]}/streams/s-${i % 5}`, { type: 'Before', data: { i } })).status).to.equal(201);
      await waitForConvergence(urls);
      await nodes[2]!.kill();
      for (let i = 0; i < 40; i++) {
        const body = i % 4 === 0 ? { events: [{ type: 'During', data: { i } }, { type: 'During', data: { i, k: 1 } }] } : { type: 'During', data: { i } };
        expect((await postJson(`${urls[i % 2]}/streams/s-${i % 5}`, body)).status).to.equal(201);
      }
      nodes[2] = await startClusterNode(dirs[2]!, nats.urls);
      const restarted = nodes.map((n) => n.url);
      await waitForConvergence(restarted);
      await waitUntil(async () => (await getJson(`${restarted[2]}/ready`)).status === 200, 10_000, 'the restarted node to be ready');
      const logs = await Promise.all(restarted.map(readWholeLog));
      expect(logs[0]).to.have.length(80);
      expect(logs[2]).to.deep.equal(logs[0]);
      const last = (logs[0]!.at(-1) as { offset: number }).offset;
      for (const path of ['/views/streams/get?stream=s-3', '/views/types/records?type=During', '/streams?prefix=s-']) {
        const answers = await Promise.all(restarted.map(async (url) => (await getJson(`${url}${path}${path.includes('?') ? '&' : '?'}after=${last}`)).body));
        expect(answers[2], path).to.deep.equal(answers[0]);
      }
    });
  });
});

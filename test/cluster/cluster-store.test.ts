// The cluster store in-process over a real 3-node nats-server cluster, and the pieces it is made of: the cluster
// config section, the batch message codec, what a single node answers, and how a node checks its local log
// against the stream (matching after a lost position file, refusing a log that is not the stream's).
import { expect } from 'chai';
import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeBatch, encodeBatch } from '../../cluster/batch-message.js';
import { openClusterStore } from '../../cluster/open-cluster-store.js';
import type { ClusterStore } from '../../cluster/cluster-store.js';
import { clusterMode, resolveClusterConfig, type ClusterConfig } from '../../config/cluster-config.js';
import { loadConfig } from '../../config/config.js';
import { isSluiceError } from '../../core/errors.js';
import { TOKENS } from '../../core/tokens.js';
import { buildApp } from '../../server/build-app.js';
import { startServer } from '../../server/start.js';
import { openStore } from '../../store/open-store.js';
import { runCli } from '../helpers/cli-fixture.js';
import { openHttpFixture, waitUntil } from '../helpers/http-fixture.js';
import { natsServerAvailable, startNatsCluster, type NatsCluster } from '../helpers/nats-cluster.js';

async function rejection(promise: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await promise;
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected a rejection');
}

function thrown(fn: () => unknown): Error & { code?: string } {
  try {
    fn();
  } catch (err) {
    return err as Error & { code?: string };
  }
  throw new Error('expected a throw');
}

describe('cluster config', () => {
  context('when SLUICE_NATS_URL names servers', () => {
    it('turns cluster mode on with the defaults', async () => {
      const config = await loadConfig({ SLUICE_NATS_URL: 'nats://a:4222, nats://b:4222', SLUICE_CLUSTER_REPLICAS: '1' }, tmpdir());
      expect(clusterMode(config.cluster)).to.deep.equal({ servers: ['nats://a:4222', 'nats://b:4222'], stream: 'SLUICE', replicas: 1, appendTimeoutMs: 15_000 });
    });
  });

  context('when only other cluster settings are given', () => {
    it('keeps them for --nats and stays single-node', async () => {
      const config = await loadConfig({ SLUICE_CLUSTER_STREAM: 'ORDERS' }, tmpdir());
      expect(config.cluster?.stream).to.equal('ORDERS');
      expect(clusterMode(config.cluster)).to.equal(undefined);
      expect(clusterMode(resolveClusterConfig({ servers: 'nats://x:1' }, config.cluster, 'cluster'))?.stream).to.equal('ORDERS');
    });
  });

  context('when a setting is invalid', () => {
    it('names the variable or field', async () => {
      const err = await rejection(loadConfig({ SLUICE_CLUSTER_REPLICAS: '7' }, tmpdir()));
      expect(err.code).to.equal('SLUICE_ERR_CONFIG_INVALID');
      expect(err.message).to.include('SLUICE_CLUSTER_REPLICAS');
      for (const bad of [{ stream: 'a.b' }, { servers: 'nats://a b' }, { servers: 5 }, { nodes: 1 }, 'nats://x']) {
        expect(thrown(() => resolveClusterConfig(bad, null, 'cluster')).code, JSON.stringify(bad)).to.equal('SLUICE_ERR_CONFIG_INVALID');
      }
      expect(resolveClusterConfig(null, null, 'cluster')).to.equal(null);
    });
  });
});

describe('cluster batch message', () => {
  it('carries JSON and binary events with their timestamps', () => {
    const { payload, events } = encodeBatch([
      { stream: 'a', events: [{ type: 'T', data: { x: [1, 'two', null] }, meta: { m: 1 }, tags: ['t'] }, { type: 'U' }] },
      { stream: 'b', events: [{ type: 'Bin', data: Buffer.from([0, 255, 7]), ts: 5 }] },
    ], 1234);
    expect(events).to.equal(3);
    const writes = decodeBatch(payload);
    expect(writes[0]).to.deep.equal({ stream: 'a', events: [{ type: 'T', ts: 1234, data: { x: [1, 'two', null] }, meta: { m: 1 }, tags: ['t'] }, { type: 'U', ts: 1234 }] });
    expect(writes[1]!.events[0]!.ts).to.equal(5);
    expect(Buffer.compare(writes[1]!.events[0]!.data as Buffer, Buffer.from([0, 255, 7]))).to.equal(0);
  });

  it('refuses invalid appends and messages no node published', () => {
    expect(thrown(() => encodeBatch([], 1)).code).to.equal('SLUICE_ERR_EVENT_INVALID');
    expect(thrown(() => encodeBatch([{ stream: 'bad name', events: [{ type: 'T' }] }], 1)).code).to.equal('SLUICE_ERR_STREAM_NAME_INVALID');
    expect(thrown(() => encodeBatch([{ stream: 'a', events: [] }], 1)).code).to.equal('SLUICE_ERR_EVENT_INVALID');
    for (const text of ['not json', '{"v":2,"writes":[]}', '{"v":1,"writes":[{"stream":"a","events":[]}]}', '{"v":1,"writes":[{"stream":"a","events":[{"type":"T"}]}]}']) {
      expect(thrown(() => decodeBatch(Buffer.from(text))).code, text).to.equal('SLUICE_ERR_EVENT_INVALID');
    }
  });
});

describe('cluster routes on a single node', () => {
  it('answers GET /cluster 404 SLUICE_ERR_CLUSTER_NOT_ENABLED, and sluice cluster status says so', async () => {
    const fixture = await openHttpFixture();
    try {
      const res = await fixture.app.inject({ method: 'GET', url: '/cluster' });
      expect(res.statusCode).to.equal(404);
      expect(res.json().code).to.equal('SLUICE_ERR_CLUSTER_NOT_ENABLED');
      const url = await fixture.listen();
      const cli = await runCli(['cluster', 'status', '--url', url]);
      expect(cli.code).to.equal(1);
      expect(cli.stderr).to.include('SLUICE_ERR_CLUSTER_NOT_ENABLED');
      expect((await runCli(['cluster', 'nodes', '--url', url])).code).to.equal(2);
    } finally {
      await fixture.close();
    }
  });

  it('refuses a cluster config in startServer without a cluster store opener', async () => {
    const err = await rejection(startServer({ port: 0, logLevel: 'silent', cluster: { servers: ['nats://127.0.0.1:1'] } }, { handleSignals: false }));
    expect(err.code).to.equal('SLUICE_ERR_CONFIG_INVALID');
  });
});

describe('cluster store', function () {
  this.timeout(60_000);
  let nats: NatsCluster;
  let dir: string;
  let store: ClusterStore | undefined;
  let config: ClusterConfig;

  before(async function () {
    if (!natsServerAvailable()) this.skip();
    nats = await startNatsCluster();
  });
  after(async () => nats?.close());
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-cluster-store-'));
    config = { servers: nats.urls.split(','), stream: `S${Math.random().toString(36).slice(2, 10)}`, replicas: 3, appendTimeoutMs: 5000 };
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  const open = async (): Promise<ClusterStore> => (store = await openClusterStore({ dataDir: dir, cluster: config, monitorIntervalMs: 200 }));

  context('when a multi-stream append has one failing condition', () => {
    it('appends none of it (409) and all of it once the conditions hold', async () => {
      const s = await open();
      await s.append('a', { type: 'A0' });
      const err = await rejection(s.appendBatch([{ stream: 'a', events: [{ type: 'A1' }], expectedRevision: 0 }, { stream: 'b', events: [{ type: 'B0' }], expectedRevision: 'exists' }]));
      expect(err.code).to.equal('SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION');
      const ok = await s.appendBatch([{ stream: 'a', events: [{ type: 'A1' }], expectedRevision: 0 }, { stream: 'b', events: [{ type: 'B0' }, { type: 'B1' }], expectedRevision: 'no_stream' }]);
      expect(ok.revisions).to.deep.equal([1, 0, 1]);
      expect(s.log.readBatch(s.log.start).records.map((r) => r.type)).to.deep.equal(['A0', 'A1', 'B0', 'B1']);
      const status = await s.cluster.status();
      expect(status.stream?.lastSequence).to.equal(2);
      expect(status.node).to.include({ appliedSequence: 2, following: true });
      expect(s.cluster.counters().appendsAcknowledged).to.equal(2);
      expect(s.container.resolve(TOKENS.Store), 'plugins append through the cluster').to.equal(s);
    });
  });

  context('when an append is invalid or too large for NATS', () => {
    it('refuses it before anything is published', async () => {
      const s = await open();
      expect((await rejection(s.append('a', { type: '' }))).code).to.equal('SLUICE_ERR_EVENT_INVALID');
      expect((await rejection(s.append('a', { type: 'T' }, { expectedRevision: -1 as never }))).code).to.equal('SLUICE_ERR_EVENT_INVALID');
      const big = await rejection(s.append('a', { type: 'Big', data: 'x'.repeat(2 * 1024 * 1024) }));
      expect(big.code).to.equal('SLUICE_ERR_CLUSTER_APPEND_TOO_LARGE');
      expect((await s.cluster.status()).stream?.lastSequence).to.equal(0);
      expect(s.log.end).to.equal(s.log.start);
    });
  });

  context('when data is forgotten', () => {
    it('soft-deletes through JetStream, and refuses erasure and retention (they would change only this node)', async () => {
      const s = await open();
      await s.append('gone', [{ type: 'E' }, { type: 'F' }]);
      expect((await rejection(s.deleteStream('never'))).code).to.equal('SLUICE_ERR_STREAM_NOT_FOUND');
      expect((await rejection(s.append('gone', { type: '$tombstone' }))).code).to.equal('SLUICE_ERR_EVENT_INVALID');
      const deleted = await s.deleteStream('gone');
      expect(deleted.revisions).to.deep.equal([2]);
      expect((await s.cluster.status()).stream?.lastSequence).to.equal(2);
      await s.views.waitFor('streams', deleted.lastOffset, 10_000);
      expect((await rejection(s.views.query('streams', 'get', { stream: 'gone' }))).code).to.equal('SLUICE_ERR_STREAM_DELETED');
      for (const attempt of [s.erase([s.log.start]), s.eraseStream('gone'), s.applyRetention({ maxBytes: 0 })]) {
        expect((await rejection(attempt)).code).to.equal('SLUICE_ERR_LOG_UNSUPPORTED');
      }
      expect(s.log.readBatch(s.log.start).records.map((r) => r.erased === true)).to.deep.equal([false, false, false]);
    });
  });

  context('when the position file is lost (a kill -9 before it was written)', () => {
    it('matches the stream against the records the log holds and continues at the same offsets', async () => {
      let s = await open();
      for (let i = 0; i < 5; i++) await s.append(`m-${i % 2}`, [{ type: 'E', data: { i } }, { type: 'F' }]);
      const before = s.log.readBatch(s.log.start).records;
      await s.close();
      unlinkSync(join(dir, 'cluster.json'));
      s = await open();
      await waitUntil(() => s.cluster.notReadyReason() === undefined, 10_000, 'the node to match its log');
      const next = await s.append('m-0', { type: 'After' }, { expectedRevision: 5 });
      expect(next.offsets[0]).to.equal(before.at(-1)!.next);
      expect(s.log.readBatch(s.log.start).records.slice(0, 10)).to.deep.equal(before);
    });
  });

  context('when the data directory holds a log the stream does not', () => {
    it('refuses to start with SLUICE_ERR_CLUSTER_DIVERGED', async () => {
      const single = await openStore({ dataDir: dir });
      await single.append('x', { type: 'Local' });
      await single.close();
      const err = await rejection(open());
      expect(isSluiceError(err, 'CLUSTER_DIVERGED')).to.equal(true);
    });

    it('refuses a data directory that follows another stream', async () => {
      writeFileSync(join(dir, 'cluster.json'), JSON.stringify({ stream: 'OTHER', sequence: 0, end: 0 }));
      const err = await rejection(open());
      expect(err.code).to.equal('SLUICE_ERR_CLUSTER_DIVERGED');
    });
  });

  context('when served over HTTP', () => {
    it('answers /cluster and an append', async () => {
      const s = await open();
      const app = buildApp({ store: s, config: { logLevel: 'silent', limits: { maxEventLoopDelayMs: 0 } } });
      try {
        const appended = await app.inject({ method: 'POST', url: '/streams/h', payload: { type: 'T' } });
        expect(appended.statusCode).to.equal(201);
        const status = await app.inject({ method: 'GET', url: '/cluster' });
        expect(status.statusCode, status.body).to.equal(200);
        expect(status.json().node.appliedSequence).to.equal(1);
        expect((await app.inject({ method: 'GET', url: '/ready' })).statusCode).to.equal(200);
      } finally {
        await app.close();
      }
    });
  });
});

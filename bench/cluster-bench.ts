// Cluster stage of `npm run bench` (skipped when nats-server is not installed): a real 3-node nats-server cluster on
// loopback and Sluice cluster stores in this process. Appends through one node (single events and 100-event
// batches, R1 and R3), a new node's follower throughput, append-to-visible-on-another-node latency, and the append
// outage when the stream leader is killed -9.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openClusterStore } from '../cluster/open-cluster-store.js';
import type { ClusterStore } from '../cluster/cluster-store.js';
import { natsServerAvailable, startNatsCluster, type NatsCluster } from '../test/helpers/nats-cluster.js';
import { report, type BenchFigure } from './bench-results.js';

const SINGLES = Number(process.env.SLUICE_BENCH_CLUSTER_SINGLES ?? 5000);
const BATCHES = Number(process.env.SLUICE_BENCH_CLUSTER_BATCHES ?? 200);

async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) await task(next++);
  }));
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;
}

async function waitForEnd(store: ClusterStore, end: number): Promise<void> {
  if (store.log.end >= end) return;
  await new Promise<void>((resolve) => {
    const off = store.log.onAppend((e) => {
      if (e >= end) {
        off();
        resolve();
      }
    });
  });
}

export async function runClusterBench(dataDir: string, results: BenchFigure[]): Promise<void> {
  if (!natsServerAvailable()) {
    console.log('  (cluster: nats-server not installed; skipped)');
    return;
  }
  console.log('cluster (3 nats-servers on loopback, Sluice stores in this process):');
  const nats: NatsCluster = await startNatsCluster();
  const dirs: string[] = [];
  const stores: ClusterStore[] = [];
  const open = async (stream: string, replicas: number): Promise<ClusterStore> => {
    const dir = mkdtempSync(join(dataDir, 'cluster-node-'));
    dirs.push(dir);
    const store = await openClusterStore({ dataDir: dir, cluster: { servers: nats.urls.split(','), stream, replicas, appendTimeoutMs: 30_000 } });
    stores.push(store);
    return store;
  };
  try {
    for (const replicas of [1, 3]) {
      const stream = `BENCH_R${replicas}`;
      const a = await open(stream, replicas);
      const b = await open(stream, replicas);
      let started = performance.now();
      await inParallel(SINGLES, 64, (i) => a.append(`s-${i % 100}`, { type: 'Bench', data: { i, pad: 'x'.repeat(40) } }));
      report(results, { name: `cluster R${replicas}: single-event appends (64 in flight)`, value: SINGLES / ((performance.now() - started) / 1000), unit: 'appends/s' });
      started = performance.now();
      await inParallel(BATCHES, 8, (i) => a.append(`b-${i % 100}`, Array.from({ length: 100 }, (_, k) => ({ type: 'Bench', data: { i, k, pad: 'x'.repeat(40) } }))));
      report(results, { name: `cluster R${replicas}: 100-event batches (8 in flight)`, value: (BATCHES * 100) / ((performance.now() - started) / 1000), unit: 'events/s' });
      const latencies: number[] = [];
      for (let i = 0; i < 200; i++) {
        const t0 = performance.now();
        const { end } = await a.append('visible', { type: 'Ping', data: { i } });
        await waitForEnd(b, end);
        latencies.push(performance.now() - t0);
      }
      latencies.sort((x, y) => x - y);
      report(results, { name: `cluster R${replicas}: append on A to visible on B, p50`, value: percentile(latencies, 0.5), unit: 'ms' });
      report(results, { name: `cluster R${replicas}: append on A to visible on B, p99`, value: percentile(latencies, 0.99), unit: 'ms' });
      if (replicas === 3) {
        const last = (await a.cluster.status()).stream!.lastSequence;
        started = performance.now();
        const c = await open(stream, replicas);
        while (c.cluster.snapshot().node.appliedSequence < last) await new Promise((resolve) => setTimeout(resolve, 20));
        const seconds = (performance.now() - started) / 1000;
        report(results, { name: 'cluster R3: new node follows the stream', value: last / seconds, unit: 'messages/s' });
        report(results, { name: 'cluster R3: new node follows the stream (records)', value: (SINGLES + BATCHES * 100 + 200) / seconds, unit: 'records/s' });

        // Failover: sequential appends through A while the stream leader is killed -9; the longest gap between acks.
        const leader = nats.servers.findIndex((s) => s.name === a.cluster.snapshot().stream?.leader);
        let running = true;
        let lastAck = performance.now();
        let longest = 0;
        const loop = (async () => {
          for (let i = 0; running; i++) {
            await a.append('failover', { type: 'Tick', data: { i } }).catch(() => undefined);
            const now = performance.now();
            longest = Math.max(longest, now - lastAck);
            lastAck = now;
          }
        })();
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await nats.kill(leader);
        const killedAt = performance.now();
        while (performance.now() - killedAt < 15_000 && (lastAck < killedAt || performance.now() - lastAck > 500)) await new Promise((resolve) => setTimeout(resolve, 50));
        await new Promise((resolve) => setTimeout(resolve, 1000));
        running = false;
        await loop;
        report(results, { name: 'cluster R3: append outage when the leader is killed -9', value: longest / 1000, unit: 's' });
        await nats.restart(leader);
      }
    }
  } finally {
    for (const store of stores) await store.close().catch(() => undefined);
    await nats.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }
}

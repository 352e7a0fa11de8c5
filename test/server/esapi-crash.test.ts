// The event-store API across kill -9, with real processes: retried appends carrying ids are never duplicated, and a
// consumer group delivers every record at least once when a consumer and then the server are killed.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../store/open-store.js';
import { spawnServer, type ServerProcess } from '../helpers/server-process.js';
import { waitUntil } from '../helpers/http-fixture.js';

const CONSUMER = fileURLToPath(new URL('../helpers/group-consumer-child.js', import.meta.url));
const SERVER_ENV = { SLUICE_MAX_EVENT_LOOP_DELAY_MS: '0' };

async function kill9(server: ServerProcess): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('event-store API across kill -9 (real processes)', function () {
  this.timeout(300_000); // generous: real processes on a busy CI machine
  let dir: string;
  const servers: ServerProcess[] = [];
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sluice-esapi-crash-')); });
  afterEach(async () => {
    for (const server of servers.splice(0)) if (server.child.exitCode === null && server.child.signalCode === null) await kill9(server);
    rmSync(dir, { recursive: true, force: true });
  });

  context('when appends with ids are cut by a kill -9 and all retried after the restart', () => {
    it('stores every event exactly once', async () => {
      const appends = Array.from({ length: 120 }, (_, i) => ({
        writes: [{ stream: `s-${i % 7}`, events: [{ type: 'T', id: randomUUID(), data: i }, { type: 'U', id: randomUUID(), data: i }] }],
      }));
      let server = await spawnServer(dir, SERVER_ENV);
      servers.push(server);
      let acked = 0;
      const url = server.url;
      const inFlight = (async () => {
        for (let i = 0; i < appends.length; i += 4) {
          const batch = appends.slice(i, i + 4).map(async (body) => {
            try {
              if ((await postJson(`${url}/append`, body)).status === 201) acked++;
            } catch { /* the server died under this request */ }
          });
          await Promise.all(batch);
        }
      })();
      await waitUntil(() => acked >= 30, 120_000, '30 acknowledged appends');
      await kill9(server);
      await inFlight;
      server = await spawnServer(dir, SERVER_ENV);
      servers.push(server);
      for (const body of appends) {
        const res = await postJson(`${server.url}/append`, body);
        expect(res.status).to.equal(201);
      }
      // A second retry changes nothing either, and answers the same offsets.
      const first = await postJson(`${server.url}/append`, appends[0]);
      expect((await postJson(`${server.url}/append`, appends[0])).body).to.deep.equal(first.body);
      await kill9(server);
      const store = await openStore({ dataDir: dir, readOnly: true });
      try {
        const seen = new Map<string, number>();
        for await (const record of store.log.readForward(store.log.start)) seen.set(record.id!, (seen.get(record.id!) ?? 0) + 1);
        const ids = appends.flatMap((a) => a.writes[0]!.events.map((e) => e.id));
        expect(seen.size).to.equal(ids.length);
        expect([...seen.values()].every((n) => n === 1)).to.equal(true);
        expect(ids.every((id) => seen.has(id))).to.equal(true);
      } finally {
        await store.close();
      }
    });
  });

  context('when a group has two consumers, one is killed, then the server is killed', () => {
    it('delivers every record at least once and skips none', async () => {
      let server = await spawnServer(dir, SERVER_ENV);
      servers.push(server);
      const offsets: number[] = [];
      for (let i = 0; i < 30; i++) {
        const res = await postJson(`${server.url}/append`, { writes: [{ stream: `job-${i}`, events: Array.from({ length: 10 }, (_, k) => ({ type: 'Job', data: { i, k } })) }] });
        offsets.push(...(res.body.writes as { offsets: number[] }[])[0]!.offsets);
      }
      await postJson(`${server.url}/append`, { writes: [{ stream: 'noise', events: [{ type: 'Other' }] }] });
      expect((await postJson(`${server.url}/groups`, { name: 'workers', filter: { type: 'Job' }, ackTimeoutMs: 300 })).status).to.equal(201);

      /** Records a consumer received: A prints them before acknowledging, B adds them once acknowledged. */
      const acked = new Set<number>();
      const consumerA = spawn(process.execPath, [CONSUMER, server.url, 'workers', 'A'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let partial = '';
      consumerA.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop()!;
        for (const line of lines) for (const offset of (JSON.parse(line) as { got: number[] }).got) acked.add(offset);
      });
      const aExited = new Promise((resolve) => consumerA.once('exit', resolve));
      await waitUntil(() => acked.size >= 40, 120_000, 'consumer A to acknowledge 40 records');
      consumerA.kill('SIGKILL');
      await aExited;

      // Consumer B, in this process: leases, acknowledges, and follows the server across its kill -9.
      let url = server.url;
      const groupDone = async (): Promise<boolean> => {
        const info = (await (await fetch(`${url}/groups/workers`)).json()) as { lagBytes: number; inFlight: number; ready: number };
        return info.lagBytes === 0 && info.inFlight === 0 && info.ready === 0;
      };
      const consumeB = async (until: () => boolean | Promise<boolean>): Promise<void> => {
        const deadline = Date.now() + 180_000;
        while (!(await until())) {
          if (Date.now() > deadline) throw new Error(`consumer B gave up with ${acked.size} of ${offsets.length} records`);
          const { body } = await postJson(`${url}/groups/workers/read`, { consumer: 'B', limit: 7, wait: 500 });
          const got = (body.records as { offset: number }[]).map((r) => r.offset);
          if (got.length === 0) continue;
          expect((await postJson(`${url}/groups/workers/ack`, { offsets: got })).status).to.equal(200);
          for (const offset of got) acked.add(offset);
        }
      };
      await consumeB(() => acked.size >= 150);
      await kill9(server);
      server = await spawnServer(dir, SERVER_ENV);
      servers.push(server);
      url = server.url;
      // Until the server says every record is acknowledged: its checkpoint at the log end (past the non-matching
      // record too), nothing leased or waiting. A's unacknowledged leases came back to B when they expired.
      await consumeB(groupDone);
      expect([...acked].sort((a, b) => a - b)).to.deep.equal(offsets);
    });
  });
});

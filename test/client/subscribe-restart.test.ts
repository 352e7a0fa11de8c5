// subscribe() against a real server child process that is killed (SIGKILL) or stopped (SIGTERM) and restarted on
// the same port while a writer keeps appending: each subscriber (NDJSON and SSE) ends with every record of the log
// exactly once, in log order. And an AbortSignal ends the iteration cleanly, also while it waits to reconnect.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient, type SluiceClient, type SluiceRecord } from '../../client/index.js';
import type { LiveFormat } from '../../client/record-streams.js';
import { openHttpFixture, waitUntil } from '../helpers/http-fixture.js';
import { spawnServer, type ServerProcess } from '../helpers/server-process.js';

interface Collector {
  readonly seen: SluiceRecord[];
  reconnects: number;
  stop(): Promise<void>;
}

function collect(client: SluiceClient, format: LiveFormat): Collector {
  const controller = new AbortController();
  const collector: Collector = {
    seen: [],
    reconnects: 0,
    stop: async () => {
      controller.abort();
      await running;
    },
  };
  const running = (async () => {
    const records = client.subscribe({ format, signal: controller.signal, retry: { initialDelayMs: 20, maxDelayMs: 250 }, onReconnect: () => { collector.reconnects += 1; } });
    for await (const record of records) collector.seen.push(record);
  })();
  return collector;
}

/** Appends one event at a time until stopped, riding over the restarts (failed appends are simply retried). */
function writer(client: SluiceClient): { acked: number[]; stop: () => Promise<void> } {
  const acked: number[] = [];
  let on = true;
  const loop = (async () => {
    for (let seq = 0; on;) {
      try {
        const { offsets } = await client.append(`s${seq % 3}`, { type: 'Tick', data: { seq } });
        acked.push(offsets[0]!);
        seq += 1;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
  })();
  return { acked, stop: async () => { on = false; await loop; } };
}

describe('client subscribe across server restarts', () => {
  let dir: string;
  let server: ServerProcess | undefined;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sluice-client-restart-'));
  });
  afterEach(async () => {
    if (server !== undefined && server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGKILL');
      await server.exited;
    }
    server = undefined;
    rmSync(dir, { recursive: true, force: true });
  });

  /** Test servers: batch durability (a process kill loses nothing written) and no load shedding on a busy machine. */
  const ENV = { SLUICE_FSYNC: 'batch', SLUICE_MAX_EVENT_LOOP_DELAY_MS: '0' };

  const STOPS: Record<string, (s: ServerProcess) => Promise<void>> = {
    SIGKILL: async (s) => {
      s.child.kill('SIGKILL');
      expect(await s.exited).to.equal('SIGKILL');
    },
    SIGTERM: async (s) => {
      s.child.kill('SIGTERM');
      expect(await s.exited).to.equal(0);
    },
  };

  context('when the server is killed with SIGKILL, restarted, stopped with SIGTERM and restarted', () => {
    it('resumes after the last record it yielded: nothing skipped, nothing repeated, over NDJSON and SSE', async () => {
      server = await spawnServer(dir, ENV);
      const port = new URL(server.url).port;
      const client = createClient({ url: server.url, timeoutMs: 5000 });
      const subscribers = [collect(client, 'ndjson'), collect(client, 'sse')];
      const load = writer(client);
      for (const signal of ['SIGKILL', 'SIGTERM']) {
        const target = load.acked.length + 10;
        await waitUntil(() => load.acked.length >= target, 20_000, `10 appends before ${signal}`);
        await waitUntil(() => subscribers.every((s) => s.seen.length >= target), 20_000, 'subscribers to catch up');
        await STOPS[signal]!(server);
        server = await spawnServer(dir, { ...ENV, SLUICE_PORT: port });
      }
      const target = load.acked.length + 10;
      await waitUntil(() => load.acked.length >= target, 20_000, '10 appends after the last restart');
      await load.stop();
      const all: number[] = [];
      for (let page = await client.read({ limit: 10_000 }); ; page = await client.read({ from: page.next, limit: 10_000 })) {
        all.push(...page.records.map((r) => r.offset));
        if (page.next === page.end) break;
      }
      expect(all).to.include.members(load.acked);
      await waitUntil(() => subscribers.every((s) => s.seen.length >= all.length), 20_000, 'subscribers to see the whole log');
      for (const subscriber of subscribers) {
        await subscriber.stop();
        expect(subscriber.seen.map((r) => r.offset)).to.deep.equal(all);
        expect(subscriber.reconnects).to.be.at.least(2);
      }
    });
  });

  context('when aborted while waiting to reconnect', () => {
    it('ends the iteration cleanly, without an error', async () => {
      const fixture = await openHttpFixture({ limits: { maxEventLoopDelayMs: 0 } });
      const client = createClient({ url: await fixture.listen() });
      await client.append('a', { type: 'A' });
      const subscriber = collect(client, 'ndjson');
      await waitUntil(() => subscriber.seen.length === 1, 10_000, 'the first record');
      await fixture.close();
      await waitUntil(() => subscriber.reconnects >= 2, 10_000, 'reconnect attempts');
      await subscriber.stop();
      expect(subscriber.seen.map((r) => r.type)).to.deep.equal(['A']);
    });
  });
});

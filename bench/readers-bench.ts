// Readers beside writers: 100 live SSE readers follow the log while 4 writers append 100 batches of 500 events,
// then the readers catch up alone. A probe on a thread of its own asks GET /health every 20 ms throughout: its answer
// time is how long a request waits for the server's event loop. Run with reader pacing (the default) and without it
// (SLUICE_READER_PACE_LAG_MS=0), in turn, two rounds each; the ratios are paced / unpaced, medians of the rounds.
import { request, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { report, type BenchFigure } from './bench-results.js';
import { healthProbe, type HealthProbe } from './health-probe.js';
import { median } from './paired-rounds.js';
import { percentile, startServer, stop } from './server-child.js';

const READERS = 100;
const WRITERS = 4;
const BATCHES = 100;
const BATCH_EVENTS = 500;
const ROUNDS = 2;
/** A round whose readers are not all caught up by then fails (the bench must not hang). */
const CATCH_UP_LIMIT_MS = 180_000;

interface Round {
  readonly appendP50: number;
  readonly appendP99: number;
  /** /health answer time while the writers write, and while the readers catch up alone. */
  readonly probeWriting: number;
  readonly probeCatchUp: number;
  /** From the last append's answer until every reader has every record, s. */
  readonly catchUpS: number;
}

interface Reader {
  readonly res: IncomingMessage;
  /** The offset of the last record received (its SSE `id:`), -1 before any. */
  lastId(): number;
}

/** A live SSE reader that only notes the last record id it received (the bench process must stay light). */
function openReader(url: string): Promise<Reader> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/log?live=true`, { headers: { accept: 'text/event-stream' }, agent: false }, (res) => {
      let last = -1;
      let carry: Buffer = Buffer.alloc(0);
      res.on('data', (chunk: Buffer) => {
        // An id line may straddle two chunks: search the previous chunk's last bytes with this one.
        const text = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
        const at = text.lastIndexOf('id: ');
        const end = at < 0 ? -1 : text.indexOf(10, at);
        if (end > 0) last = Number(text.toString('latin1', at + 4, end));
        carry = text.subarray(Math.max(0, text.length - 32));
      });
      resolve({ res, lastId: () => last });
    });
    req.on('error', reject);
    req.end();
  });
}

async function oneRound(dataDir: string, paced: boolean): Promise<Round> {
  const server = await startServer(dataDir, undefined, paced ? {} : { SLUICE_READER_PACE_LAG_MS: '0' });
  const readers: Reader[] = [];
  let probing: HealthProbe | undefined;
  try {
    for (let i = 0; i < READERS; i++) readers.push(await openReader(server.url));
    probing = healthProbe(server.url, 'writing');
    const payload = 'y'.repeat(60);
    const latencies: number[] = [];
    let lastOffset = -1;
    let next = 0;
    const writer = async (): Promise<void> => {
      while (next < BATCHES) {
        const i = next++;
        const body = JSON.stringify({ events: Array.from({ length: BATCH_EVENTS }, (_, j) => ({ type: 'T', data: { i, j, payload } })) });
        const started = performance.now();
        const res = await fetch(`${server.url}/streams/w-${i % 50}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
        const answer = await res.json() as { lastOffset?: number };
        if (res.status !== 201) throw new Error(`append answered ${res.status}`);
        latencies.push(performance.now() - started);
        lastOffset = Math.max(lastOffset, answer.lastOffset!);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    probing.phase('catchUp');
    const wroteAt = performance.now();
    while (readers.some((r) => r.lastId() < lastOffset)) {
      if (performance.now() - wroteAt > CATCH_UP_LIMIT_MS) throw new Error(`readers did not catch up within ${CATCH_UP_LIMIT_MS} ms: ${readers.filter((r) => r.lastId() < lastOffset).length} behind`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const catchUpS = (performance.now() - wroteAt) / 1000;
    const times = await probing.stop();
    const sorted = (xs: number[] = []): number[] => [...xs].sort((a, b) => a - b);
    const appends = sorted(latencies);
    return {
      appendP50: percentile(appends, 50), appendP99: percentile(appends, 99),
      probeWriting: percentile(sorted(times.writing), 99), probeCatchUp: percentile(sorted(times.catchUp), 99), catchUpS,
    };
  } finally {
    await probing?.stop().catch(() => undefined);
    for (const reader of readers) reader.res.destroy();
    await stop(server.child);
  }
}

export async function runReadersBench(dataDir: string, results: BenchFigure[]): Promise<void> {
  console.log(`\nReaders beside writers: ${READERS} live SSE readers, ${WRITERS} writers x ${BATCHES / WRITERS} batches of ${BATCH_EVENTS} events, paced and unpaced in turn (${ROUNDS} rounds)`);
  const rounds: { paced: Round; unpaced: Round }[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const paced = await oneRound(join(dataDir, `readers-paced-${i}`), true);
    const unpaced = await oneRound(join(dataDir, `readers-unpaced-${i}`), false);
    rounds.push({ paced, unpaced });
  }
  const figures: [keyof Round, string, string][] = [
    ['appendP50', 'append p50', 'ms'], ['appendP99', 'append p99', 'ms'],
    ['probeWriting', '/health p99 while writing', 'ms'], ['probeCatchUp', '/health p99 while readers catch up alone', 'ms'],
    ['catchUpS', 'readers catch up after the last append', 's'],
  ];
  for (const [key, what, unit] of figures) {
    for (const side of ['paced', 'unpaced'] as const) {
      report(results, { name: `readers: ${what}, ${side === 'paced' ? 'readers paced' : 'pacing off'}, ${unit}`, value: Math.round(10 * median(rounds.map((r) => r[side][key]))) / 10, unit });
    }
    report(results, { name: `readers: ${what}, paced / pacing off (median of rounds)`, value: median(rounds.map((r) => r.paced[key] / r.unpaced[key])), unit: 'x' });
  }
}

// The live stage's steady load, on a thread of its own: 100-event batches sent every 10 ms at a given rate (autocannon's
// rate limit sends each second's requests in one burst; this spreads them), at most 64 in flight. On its own thread
// so that the probe beside it, on the bench's main thread, times the server and not a loop busy sending the load.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const JSON_HEADERS = { 'content-type': 'application/json' };
const BATCH = JSON.stringify({ events: Array.from({ length: 100 }, (_, i) => ({ type: 'deposit', data: { account: `acct-${i}`, amount: i } })) });

interface Load {
  readonly url: string;
  readonly recordsPerSecond: number;
  readonly seconds: number;
}

/** Sends the load on this thread; resolves to the records/s acknowledged. */
async function send({ url, recordsPerSecond, seconds }: Load): Promise<number> {
  const started = performance.now();
  let sent = 0;
  let inFlight = 0;
  let acknowledged = 0;
  const sends: Promise<void>[] = [];
  while (performance.now() - started < seconds * 1000) {
    const due = Math.floor(((performance.now() - started) / 1000) * (recordsPerSecond / 100));
    for (; sent < due && inFlight < 64; sent++) {
      inFlight++;
      sends.push(fetch(url, { method: 'POST', headers: JSON_HEADERS, body: BATCH }).then(async (res) => {
        await res.arrayBuffer();
        if (res.status !== 201) throw new Error(`paced append answered ${res.status}`);
        acknowledged += 100;
      }).finally(() => { inFlight--; }));
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await Promise.all(sends);
  return acknowledged / ((performance.now() - started) / 1000);
}

/** Runs the load on a worker thread; resolves to the records/s acknowledged. */
export function pacedLoad(load: Load): Promise<number> {
  const worker = new Worker(new URL(import.meta.url), { workerData: load });
  return new Promise((resolve, reject) => {
    worker.once('message', (rate: number) => resolve(rate));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the paced load's thread exited with code ${code} before answering`)));
  });
}

if (!isMainThread && parentPort !== null) parentPort.postMessage(await send(workerData as Load));

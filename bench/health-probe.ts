// A probe of the server's responsiveness, on a thread of its own: GET /health every 20 ms, timed, split by phase.
// On its own thread so that it times the server, not a bench loop busy receiving what a hundred readers are sent.
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

const PROBE_MS = 20;

export interface HealthProbe {
  /** From now on, answers count toward `phase`. */
  phase(name: string): void;
  /** Stops probing (once; later calls answer the same); resolves to the answer times (ms) of each phase. */
  stop(): Promise<Record<string, number[]>>;
}

async function probe(url: string, port: NonNullable<typeof parentPort>): Promise<void> {
  const times: Record<string, number[]> = {};
  let phase = 'start';
  let running = true;
  port.on('message', (message: { phase?: string; stop?: true }) => {
    if (message.phase !== undefined) phase = message.phase;
    if (message.stop) running = false;
  });
  while (running) {
    const started = performance.now();
    const res = await fetch(`${url}/health`);
    await res.arrayBuffer();
    (times[phase] ??= []).push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, PROBE_MS));
  }
  port.postMessage(times);
}

export function healthProbe(url: string, firstPhase: string): HealthProbe {
  const worker = new Worker(new URL(import.meta.url), { workerData: url });
  worker.postMessage({ phase: firstPhase });
  const result = new Promise<Record<string, number[]>>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the health probe's thread exited with code ${code} before answering`)));
  });
  result.catch(() => undefined); // reported by stop(), not as an unhandled rejection while the round still runs
  let stopping: Promise<Record<string, number[]>> | undefined;
  return {
    phase(name) { worker.postMessage({ phase: name }); },
    stop() {
      stopping ??= (async () => {
        worker.postMessage({ stop: true });
        try {
          return await result;
        } finally {
          await worker.terminate();
        }
      })();
      return stopping;
    },
  };
}

if (!isMainThread && parentPort !== null) await probe(workerData as string, parentPort);

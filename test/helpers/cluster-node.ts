// A Sluice node in cluster mode as a real child process (`sluice serve --nats ...`) on a free port, and small
// HTTP helpers the cluster tests share.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { waitUntil } from './http-fixture.js';

const CLI = fileURLToPath(new URL('../../bin/sluice.js', import.meta.url));

export interface ClusterNodeProcess {
  readonly child: ChildProcess;
  readonly url: string;
  readonly exited: Promise<number | string>;
  output(): string;
  /** SIGTERM (graceful, so coverage is written) and wait for the exit. */
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export interface NodeRun {
  readonly child: ChildProcess;
  readonly exited: Promise<number | string>;
  output(): string;
}

/** Runs `sluice serve` (or any CLI command) with cluster defaults; resolves at once. */
export function runCli(args: readonly string[], env: Record<string, string> = {}): NodeRun {
  const child = spawn(process.execPath, [CLI, ...args], {
    env: { ...process.env, SLUICE_PORT: '0', SLUICE_HOST: '127.0.0.1', SLUICE_LOG_LEVEL: 'warn', SLUICE_MAX_EVENT_LOOP_DELAY_MS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString(); });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, exited, output: () => output };
}

export async function startClusterNode(dataDir: string, natsUrls: string, env: Record<string, string> = {}): Promise<ClusterNodeProcess> {
  const run = runCli(['serve', '--data', dataDir, '--nats', natsUrls], env);
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (): void => {
      const match = /Sluice listening on (http:\/\/\S+)/.exec(run.output());
      if (match) {
        run.child.stdout!.off('data', onData);
        resolve(match[1]!);
      }
    };
    run.child.stdout!.on('data', onData);
    void run.exited.then((code) => reject(new Error(`sluice node exited (${code}) before listening: ${run.output()}`)));
  });
  const signal = async (sig: NodeJS.Signals): Promise<void> => {
    if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill(sig);
    await run.exited;
  };
  return { ...run, url, stop: () => signal('SIGTERM'), kill: () => signal('SIGKILL') };
}

export interface HttpAnswer {
  readonly status: number;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly headers: Headers;
}

export async function getJson(url: string): Promise<HttpAnswer> {
  const res = await fetch(url);
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text), headers: res.headers };
}

export async function postJson(url: string, body: unknown): Promise<HttpAnswer> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? undefined : JSON.parse(text), headers: res.headers };
}

/** Every record of a node's log, via GET /log pages (offsets, streams, revisions, data as served). */
export async function readWholeLog(url: string): Promise<unknown[]> {
  const records: unknown[] = [];
  let from = 0;
  for (;;) {
    const { body } = await getJson(`${url}/log?from=${from}&limit=1000`);
    records.push(...body.records);
    if (body.records.length === 0 || body.next === from) return records;
    from = body.next;
  }
}

/** Waits until every node has applied everything the stream holds. */
export async function waitForConvergence(urls: readonly string[], timeoutMs = 20_000): Promise<void> {
  await waitUntil(async () => {
    const states = await Promise.all(urls.map(async (url) => (await getJson(`${url}/cluster`)).body));
    const last = Math.max(...states.map((s) => s.stream?.lastSequence ?? 0));
    return states.every((s) => s.node.appliedSequence === last);
  }, timeoutMs, 'every node to apply the whole stream');
}

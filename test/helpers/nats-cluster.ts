// A real 3-node nats-server (JetStream) cluster on free loopback ports in a temp dir, for the cluster tests and the
// cluster bench: start, kill -9 one server, restart it on the same ports and store, stop them all.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface NatsServer {
  readonly name: string;
  readonly clientPort: number;
  readonly url: string;
  child: ChildProcess | undefined;
}

export interface NatsCluster {
  readonly dir: string;
  readonly servers: readonly NatsServer[];
  /** Every client URL, comma-separated (what --nats takes). */
  readonly urls: string;
  kill(index: number, signal?: NodeJS.Signals): Promise<void>;
  restart(index: number): Promise<void>;
  close(): Promise<void>;
}

/** True when a nats-server binary is on the PATH (tests and bench stages skip without it). */
export function natsServerAvailable(): boolean {
  return spawnSync('nats-server', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function waitForReady(child: ChildProcess, name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer): void => {
      log += chunk.toString();
      if (log.includes('Server is ready')) {
        child.stderr!.off('data', onData);
        child.stderr!.resume();
        resolve();
      }
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`nats-server ${name} exited (${code}) before it was ready: ${log}`)));
  });
}

export async function startNatsCluster(size = 3): Promise<NatsCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'sluice-nats-'));
  const clientPorts: number[] = [];
  const routePorts: number[] = [];
  for (let i = 0; i < size; i++) {
    clientPorts.push(await freePort());
    routePorts.push(await freePort());
  }
  const routes = routePorts.map((p) => `nats-route://127.0.0.1:${p}`).join(', ');
  const servers: NatsServer[] = clientPorts.map((clientPort, i) => ({ name: `n${i + 1}`, clientPort, url: `nats://127.0.0.1:${clientPort}`, child: undefined }));
  servers.forEach((server, i) => {
    const store = join(dir, server.name);
    mkdirSync(store, { recursive: true });
    writeFileSync(join(dir, `${server.name}.conf`), [
      `server_name: ${server.name}`,
      `listen: 127.0.0.1:${server.clientPort}`,
      `jetstream { store_dir: "${store}", max_file_store: 1G, max_memory_store: 64M }`,
      `cluster { name: sluice-test, listen: 127.0.0.1:${routePorts[i]}, routes: [${routes}] }`,
      '',
    ].join('\n'));
  });
  const launch = async (server: NatsServer): Promise<void> => {
    const child = spawn('nats-server', ['-c', join(dir, `${server.name}.conf`)], { stdio: ['ignore', 'ignore', 'pipe'], detached: true });
    server.child = child;
    await waitForReady(child, server.name);
  };
  const cluster: NatsCluster = {
    dir, servers, urls: servers.map((s) => s.url).join(','),
    async kill(index, signal = 'SIGKILL') {
      const child = servers[index]!.child;
      if (child === undefined || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill(signal);
      await exited;
      servers[index]!.child = undefined;
    },
    async restart(index) {
      await launch(servers[index]!);
    },
    async close() {
      await Promise.all(servers.map((_, i) => cluster.kill(i, 'SIGTERM')));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  try {
    await Promise.all(servers.map(launch));
  } catch (err) {
    await cluster.close();
    throw err;
  }
  return cluster;
}

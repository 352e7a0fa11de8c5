// The real server as a child process for the HTTP benchmarks (default fsync mode, on 127.0.0.1), and the figures
// taken of it: its peak resident set, percentiles of latencies.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MAIN = fileURLToPath(new URL('../server/main.js', import.meta.url));

export interface Server {
  readonly child: ChildProcess;
  readonly url: string;
}

export function startServer(dataDir: string, script = MAIN, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [script], {
    // Request logging off (warn): at this rate it would be a log-shipping benchmark. Durability: the default, fsync.
    // Rate limiting off: one client at full speed is the point here, not a client to slow down.
    env: { ...process.env, SLUICE_DATA_DIR: dataDir, SLUICE_HOST: '127.0.0.1', SLUICE_PORT: '0', SLUICE_FSYNC: 'fsync', SLUICE_LOG_LEVEL: 'warn', SLUICE_RATE_LIMIT_MAX: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /(?:Sluice|No-op) listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve({ child, url: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before listening`)));
  });
}

/** The child's peak resident set so far (VmHWM), in MB. */
export function peakRssOf(child: ChildProcess): number {
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await new Promise((resolve) => child.once('exit', resolve));
}

export function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

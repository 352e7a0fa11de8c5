// Fixtures for the CLI tests: run `node dist/bin/sluice.js` as a real child process against a temp data dir,
// collect its output, wait on conditions in that output (never fixed sleeps), and run a server process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SLUICE_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'sluice.js');

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly input?: string | Buffer;
  readonly env?: Record<string, string | undefined>;
  readonly cwd?: string;
}

/** The environment children get: no SLUICE_* leaking in from the developer's shell. */
function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('SLUICE_')) env[k] = v;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** A running CLI process whose output accumulates, with waits on what it has printed. */
export class CliProcess {
  stdout = '';
  stderr = '';
  readonly exited: Promise<CliResult>;
  private waiters: Array<() => void> = [];

  constructor(readonly child: ChildProcess) {
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => { this.stdout += chunk; this.notify(); });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => { this.stderr += chunk; this.notify(); });
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.notify();
        resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
      });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  private notify(): void {
    const current = this.waiters;
    this.waiters = [];
    for (const w of current) w();
  }

  /** Resolves once `check(stdout, stderr)` holds; rejects after `timeoutMs` or if the process exits first. */
  async waitFor(check: (stdout: string, stderr: string) => boolean, timeoutMs = 10_000, what = 'output'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let exited = false;
    void this.exited.then(() => { exited = true; });
    while (!check(this.stdout, this.stderr)) {
      if (exited) throw new Error(`process exited before ${what}; stdout: ${this.stdout.slice(-500)} stderr: ${this.stderr.slice(-2000)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}; stdout: ${this.stdout.slice(-500)} stderr: ${this.stderr.slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  /** Lines of stdout so far (complete lines only). */
  lines(): string[] {
    const end = this.stdout.lastIndexOf('\n');
    return end < 0 ? [] : this.stdout.slice(0, end).split('\n');
  }

  kill(signal: NodeJS.Signals = 'SIGTERM'): Promise<CliResult> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

export function spawnCli(args: readonly string[], options: CliOptions = {}): CliProcess {
  const child = spawn(process.execPath, [SLUICE_BIN, ...args], {
    cwd: options.cwd,
    env: childEnv(options.env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const proc = new CliProcess(child);
  if (options.input !== undefined) child.stdin!.end(options.input);
  else child.stdin!.end();
  return proc;
}

export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return spawnCli(args, options).exited;
}

export { waitUntil } from './http-fixture.js';

export interface TempDir {
  readonly dir: string;
  readonly data: string;
  remove(): void;
}

export function tempDir(prefix = 'sluice-cli-'): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, data: join(dir, 'data'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ServerProcess {
  readonly proc: CliProcess;
  readonly url: string;
  /** SIGTERM, then wait for a clean exit. */
  stop(): Promise<CliResult>;
}

/** `sluice serve` on a free port; resolves once it prints its URL. */
export async function startServerProcess(dataDir: string, extraArgs: readonly string[] = [], options: CliOptions = {}): Promise<ServerProcess> {
  const proc = spawnCli(['serve', '--data', dataDir, '--port', '0', '--log-level', 'silent', ...extraArgs], options);
  await proc.waitFor((out) => /listening on (http:\S+)/.test(out), 20_000, 'the server to listen');
  const url = /listening on (http:\S+)/.exec(proc.stdout)![1]!;
  return { proc, url, stop: () => proc.kill('SIGTERM') };
}

export function parseLines(text: string): Array<Record<string, unknown>> {
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** `sluice cat <args>` parsed; fails the test with cat's stderr when it does not exit 0. */
export async function catRecords(args: readonly string[], options: CliOptions = {}): Promise<Array<Record<string, unknown>>> {
  const r = await runCli(['cat', ...args], options);
  if (r.code !== 0) throw new Error(`sluice cat ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
  return parseLines(r.stdout);
}

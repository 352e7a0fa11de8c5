// Runs test/log/fixtures/log-child in a real child process and reads its JSON lines.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../log/fixtures/log-child.js', import.meta.url));

/** What the parent checks a recovered record against: the payload as a hash keeps the child's lines short. */
export function payloadHash(data: unknown, binary: boolean): string {
  const bytes = binary ? Buffer.from(data as Uint8Array) : Buffer.from(JSON.stringify(data ?? null));
  return createHash('sha256').update(bytes).digest('base64');
}

export type ChildLine = Record<string, unknown>;

export class LogChild {
  readonly process: ChildProcess;
  /** Complete lines so far; a line cut by a kill is never parsed. */
  readonly lines: ChildLine[] = [];
  readonly closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr = '';
  private partial = '';
  private readonly listeners = new Set<(line: ChildLine) => void>();

  constructor(args: readonly string[]) {
    this.process = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stdout!.setEncoding('utf8');
    this.process.stdout!.on('data', (chunk: string) => {
      const parts = (this.partial + chunk).split('\n');
      this.partial = parts.pop()!;
      for (const part of parts) {
        const line = JSON.parse(part) as ChildLine;
        this.lines.push(line);
        for (const listener of this.listeners) listener(line);
      }
    });
    this.process.stderr!.setEncoding('utf8');
    this.process.stderr!.on('data', (chunk: string) => { this.stderr += chunk; });
    this.closed = new Promise((resolve) => this.process.once('close', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.process.pid!;
  }

  /** Resolves with the first line (already seen or to come) that matches; rejects if the child ends first. */
  waitForLine(match: (line: ChildLine) => boolean, timeoutMs = 15_000): Promise<ChildLine> {
    const seen = this.lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => done(new Error(`no matching line from the child within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      const listener = (line: ChildLine): void => { if (match(line)) done(undefined, line); };
      const done = (err?: Error, line?: ChildLine): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        if (err) reject(err);
        else resolve(line!);
      };
      this.listeners.add(listener);
      void this.closed.then(() => done(new Error(`the child ended without a matching line; stderr: ${this.stderr}`)));
    });
  }

  /** Calls `listener` for every line from now on. */
  onLine(listener: (line: ChildLine) => void): void {
    this.listeners.add(listener);
  }

  /** SIGKILL, then wait until it is reaped and its output is drained. */
  async kill(): Promise<void> {
    this.process.kill('SIGKILL');
    await this.closed;
  }
}

/** Call inside a describe(): spawns children that are killed after each test, so a failing test leaves none behind. */
export function useLogChildren(): (args: readonly string[]) => LogChild {
  const children: LogChild[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.process.exitCode === null && child.process.signalCode === null) await child.kill();
    }
  });
  return (args) => {
    const child = new LogChild(args);
    children.push(child);
    return child;
  };
}

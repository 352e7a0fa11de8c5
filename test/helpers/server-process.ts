// Runs the real server (dist/server/main.js) as a child process on a free port, for crash and shutdown tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../../server/main.js', import.meta.url));

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Resolves with the exit code (or the signal name) once the process is gone. */
  readonly exited: Promise<number | string>;
  stderr(): string;
}

/** `env` values of `undefined` remove the variable (e.g. NODE_V8_COVERAGE, for a test that measures the server's memory). */
export function spawnServer(dataDir: string, env: Record<string, string | undefined> = {}): Promise<ServerProcess> {
  const merged: NodeJS.ProcessEnv = { ...process.env, SLUICE_DATA_DIR: dataDir, SLUICE_PORT: '0', SLUICE_HOST: '127.0.0.1', SLUICE_LOG_LEVEL: 'silent', ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, [MAIN], {
    env: merged,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      stdout += chunk.toString();
      const match = /Sluice listening on (http:\/\/\S+)/.exec(stdout);
      if (match) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve({ child, url: match[1]!, exited, stderr: () => stderr });
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
  });
}

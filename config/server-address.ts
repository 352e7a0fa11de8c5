// `<data>/server.json` names the running server's pid and URL, so a CLI refused by the writer lock can say exactly
// where to send its request (`--url`). Written once listening, removed on a clean close; a stale file is ignored
// because readers only trust it when its pid holds the lock.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'server.json';

export interface ServerAddress {
  readonly pid: number;
  readonly url: string;
}

export function writeServerAddress(dataDir: string, url: string): void {
  writeFileSync(join(dataDir, FILE), JSON.stringify({ pid: process.pid, url } satisfies ServerAddress) + '\n');
}

export function removeServerAddress(dataDir: string): void {
  rmSync(join(dataDir, FILE), { force: true });
}

/** The URL of the server process `pid`, if it left its address in `dataDir`. */
export function serverUrlFor(dataDir: string, pid: number): string | undefined {
  try {
    const address = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as ServerAddress;
    return address.pid === pid && typeof address.url === 'string' ? address.url : undefined;
  } catch {
    return undefined;
  }
}

/** The URL a server left in `dataDir`, whoever wrote it (a hint: the server may be gone). */
export function recordedServerUrl(dataDir: string): string | undefined {
  try {
    const address = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as ServerAddress;
    return typeof address.url === 'string' ? address.url : undefined;
  } catch {
    return undefined;
  }
}

// `<data>/cluster.json`: the last JetStream sequence this node applied and the local log end after it. Only a
// shortcut for restarts: it is written after the log, so it may lag it, never lead it in `fsync` mode; a restart
// re-reads the messages after it and matches them against the records already in the log instead of appending them.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FILE = 'cluster.json';

export interface FollowerPosition {
  /** The JetStream stream this data directory follows. */
  readonly stream: string;
  readonly sequence: number;
  readonly end: number;
}

export function readFollowerPosition(dataDir: string): FollowerPosition | undefined {
  try {
    const value = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')) as FollowerPosition;
    if (typeof value.stream === 'string' && Number.isSafeInteger(value.sequence) && Number.isSafeInteger(value.end)) return value;
  } catch {
    /* absent or torn: the restart matches from the start of the log */
  }
  return undefined;
}

export function writeFollowerPosition(dataDir: string, position: FollowerPosition): void {
  const file = join(dataDir, FILE);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(position)}\n`);
  renameSync(`${file}.tmp`, file);
}

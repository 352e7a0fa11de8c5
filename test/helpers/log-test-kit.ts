// Shared plumbing for the log suites: per-test temp directories, logs that are always closed,
// typed-error assertions and condition waits.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileLog, type FileLog, type FileLogOptions } from '../../core/log/file-log.js';
import type { LogRecord } from '../../core/log/event-log.js';
import { segmentFileName } from '../../core/log/segment-names.js';

export interface LogTestKit {
  /** A fresh temp directory, removed after the test. */
  dir(): string;
  /** Opens a log that is closed after the test if the test did not close it. */
  open(options: FileLogOptions): Promise<FileLog>;
}

/** Call inside a describe(): registers the afterEach that closes logs and removes directories. */
export function useLogTestKit(): LogTestKit {
  const dirs: string[] = [];
  const logs: FileLog[] = [];
  afterEach(async () => {
    for (const log of logs.splice(0)) await log.close().catch(() => undefined);
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return {
    dir() {
      const dir = mkdtempSync(join(tmpdir(), 'sluice-log-test-'));
      dirs.push(dir);
      return dir;
    },
    async open(options) {
      const log = await openFileLog(options);
      logs.push(log);
      return log;
    },
  };
}

export function segmentPath(dir: string, base = 0): string {
  return join(dir, segmentFileName(base));
}

/** The error `action` throws or rejects with; fails when it succeeds. */
export async function caught(action: () => unknown): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  try {
    await action();
  } catch (err) {
    return err as Error & { code?: string };
  }
  expect.fail('expected an error');
}

export async function expectCode(action: () => unknown, code: string): Promise<Error & { code?: string; details?: Record<string, unknown> }> {
  const err = await caught(action);
  expect(err.code, `error ${err.name}: ${err.message}`).to.equal(code);
  return err;
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

export async function readAll(log: FileLog): Promise<LogRecord[]> {
  return collect(log.readForward(log.start));
}

/** Polls `condition` until it holds; fails after `timeoutMs`. */
export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) expect.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A record's content in a form that compares byte-exact (binary as base64, JSON as its text). */
export function recordContent(record: LogRecord): string {
  return JSON.stringify({
    stream: record.stream, revision: record.revision, type: record.type, ts: record.ts,
    data: record.binary ? `b64:${(record.data as Buffer).toString('base64')}` : JSON.stringify(record.data),
    meta: record.meta, tags: record.tags,
  });
}

export const CODES = {
  noRecord: 'SLUICE_ERR_LOG_NO_RECORD',
  corrupt: 'SLUICE_ERR_LOG_CORRUPT_RECORD',
  locked: 'SLUICE_ERR_LOG_LOCKED',
  closed: 'SLUICE_ERR_LOG_CLOSED',
  readOnly: 'SLUICE_ERR_LOG_READ_ONLY',
  conflict: 'SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION',
  invalid: 'SLUICE_ERR_EVENT_INVALID',
  offsetInvalid: 'SLUICE_ERR_LOG_OFFSET_INVALID',
  tooLarge: 'SLUICE_ERR_LOG_RECORD_TOO_LARGE',
  failed: 'SLUICE_ERR_LOG_FAILED',
} as const;

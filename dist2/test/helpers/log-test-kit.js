// Shared plumbing for the log suites: per-test temp directories, logs that are always closed,
// typed-error assertions and condition waits.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileLog } from '../../core/log/file-log.js';
import { segmentFileName } from '../../core/log/segment-names.js';
/** Call inside a describe(): registers the afterEach that closes logs and removes directories. */
export function useLogTestKit() {
    const dirs = [];
    const logs = [];
    afterEach(async () => {
        for (const log of logs.splice(0))
            await log.close().catch(() => undefined);
        for (const dir of dirs.splice(0))
            rmSync(dir, { recursive: true, force: true });
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
export function segmentPath(dir, base = 0) {
    return join(dir, segmentFileName(base));
}
/** The error `action` throws or rejects with; fails when it succeeds. */
export async function caught(action) {
    try {
        await action();
    }
    catch (err) {
        return err;
    }
    expect.fail('expected an error');
}
export async function expectCode(action, code) {
    const err = await caught(action);
    expect(err.code, `error ${err.name}: ${err.message}`).to.equal(code);
    return err;
}
export async function collect(iterable) {
    const out = [];
    for await (const item of iterable)
        out.push(item);
    return out;
}
export async function readAll(log) {
    return collect(log.readForward(log.start));
}
/** Polls `condition` until it holds; fails after `timeoutMs`. */
export async function waitFor(condition, timeoutMs = 10_000, what = 'condition') {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
        if (Date.now() > deadline)
            expect.fail(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}
/** A record's content in a form that compares byte-exact (binary as base64, JSON as its text). */
export function recordContent(record) {
    return JSON.stringify({
        stream: record.stream, revision: record.revision, type: record.type, ts: record.ts,
        data: record.binary ? `b64:${record.data.toString('base64')}` : JSON.stringify(record.data),
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
};
//# sourceMappingURL=log-test-kit.js.map
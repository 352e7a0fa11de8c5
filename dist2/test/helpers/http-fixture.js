// Test fixtures for the HTTP server: a real store in a fresh temp dir with buildApp() over it (inject), optionally
// listening on a real socket, plus small helpers to wait on conditions and read streaming responses.
import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/open-store.js';
import { buildApp } from '../../server/build-app.js';
export async function openHttpFixture(config = {}, storeOptions = {}) {
    const dir = storeOptions.dataDir ?? mkdtempSync(join(tmpdir(), 'sluice-http-'));
    const store = await openStore({ fsync: 'none', ...storeOptions, dataDir: dir });
    const app = buildApp({ store, config: { logLevel: 'silent', ...config } });
    await app.ready();
    const fixture = {
        dir, store, app, url: '',
        async listen() {
            fixture.url = await app.listen({ port: 0, host: '127.0.0.1' });
            return fixture.url;
        },
        async close() {
            await app.close();
            await store.close();
            rmSync(dir, { recursive: true, force: true });
        },
    };
    return fixture;
}
/** Polls `check` (on timers, never a fixed sleep) until it returns true or `timeoutMs` passes. */
export async function waitUntil(check, timeoutMs = 5000, what = 'condition') {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
        if (Date.now() > deadline)
            throw new Error(`timed out waiting for ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
}
/** Opens a GET over a real socket and accumulates the streamed body. */
export function openStream(url, headers = {}) {
    return new Promise((resolve, reject) => {
        const req = httpRequest(url, { headers, agent: false }, (res) => {
            const chunks = [];
            let waiters = [];
            const ended = new Promise((done) => {
                res.on('end', done);
                res.on('close', done);
                res.on('error', done);
            });
            res.on('data', (chunk) => {
                chunks.push(chunk);
                const current = waiters;
                waiters = [];
                for (const w of current)
                    w();
            });
            const body = () => Buffer.concat(chunks);
            resolve({
                res, body, ended,
                async waitFor(check, timeoutMs = 5000, what = 'stream data') {
                    const deadline = Date.now() + timeoutMs;
                    for (;;) {
                        const current = body();
                        if (check(current))
                            return current;
                        if (res.complete || res.destroyed)
                            throw new Error(`stream ended before ${what}: ${current.toString().slice(0, 500)}`);
                        const remaining = deadline - Date.now();
                        if (remaining <= 0)
                            throw new Error(`timed out waiting for ${what}: ${current.toString().slice(0, 500)}`);
                        await new Promise((wake) => {
                            const timer = setTimeout(wake, remaining);
                            waiters.push(() => { clearTimeout(timer); wake(); });
                            void ended.then(() => { clearTimeout(timer); wake(); });
                        });
                    }
                },
                destroy() {
                    req.destroy();
                    res.destroy();
                },
            });
        });
        req.on('error', reject);
        req.end();
    });
}
/** Parses an SSE body into its events (id, event, data). */
export function parseSse(text) {
    const events = [];
    const blocks = text.split('\n\n');
    blocks.pop(); // after the last blank line: nothing, or an event still arriving
    for (const block of blocks) {
        const event = {};
        let any = false;
        for (const line of block.split('\n')) {
            const m = /^(id|event|data): ?(.*)$/.exec(line);
            if (m) {
                any = true;
                event[m[1]] = m[2];
            }
        }
        if (any)
            events.push(event);
    }
    return events;
}
/** Splits an NDJSON body into parsed objects, skipping heartbeat blank lines and a partial last line. */
export function parseNdjson(text) {
    const lines = text.split('\n');
    lines.pop();
    return lines.filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}
/** Decodes the binary item stream: [u64 offset][u32 length][payload]. */
export function parseBinaryItems(buf) {
    const items = [];
    let pos = 0;
    while (pos + 12 <= buf.length) {
        const offset = Number(buf.readBigUInt64BE(pos));
        const length = buf.readUInt32BE(pos + 8);
        if (pos + 12 + length > buf.length)
            break;
        items.push({ offset, payload: buf.subarray(pos + 12, pos + 12 + length) });
        pos += 12 + length;
    }
    return items;
}
//# sourceMappingURL=http-fixture.js.map
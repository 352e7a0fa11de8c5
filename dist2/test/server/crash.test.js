// The real server process under concurrent HTTP appends, SIGKILLed at random moments: every append acknowledged
// with 201 must be readable, unchanged, after every restart. And SIGTERM under load: exit 0, nothing acked lost.
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../store/open-store.js';
import { openStream } from '../helpers/http-fixture.js';
import { spawnServer } from '../helpers/server-process.js';
const KILLS = Number(process.env.SLUICE_TEST_KILLS ?? 22);
/** Appends from `workers` concurrent loops until `stop()`; records every 201. */
function appendLoad(url, tag, workers, acked) {
    let running = true;
    const loops = Array.from({ length: workers }, async (_, w) => {
        for (let seq = 0; running; seq++) {
            const stream = `w${w}`;
            const batch = seq % 3 === 0;
            const events = batch ? [0, 1, 2].map((k) => ({ type: 'B', data: { tag, w, seq, k } })) : [{ type: 'S', data: { tag, w, seq } }];
            try {
                const res = await fetch(`${url}/streams/${stream}`, {
                    method: 'POST', headers: { 'content-type': 'application/json' },
                    body: JSON.stringify(batch ? { events } : events[0]),
                });
                const body = (await res.json());
                if (res.status !== 201)
                    continue;
                body.offsets.forEach((offset, i) => acked.push({ offset, stream, type: events[i].type, data: events[i].data }));
            }
            catch {
                return; // the server is gone
            }
        }
    });
    return { stop: async () => { running = false; await Promise.all(loops); } };
}
async function expectAllPresent(dataDir, acked) {
    const store = await openStore({ dataDir });
    try {
        for (const a of acked) {
            const record = await store.log.read(a.offset);
            expect({ stream: record.stream, type: record.type, data: record.data }).to.deep.equal({ stream: a.stream, type: a.type, data: a.data });
        }
        // Revisions per stream stay consecutive across every crash.
        const last = new Map();
        for await (const record of store.log.readForward(store.log.start)) {
            expect(record.revision).to.equal((last.get(record.stream) ?? -1) + 1);
            last.set(record.stream, record.revision);
        }
    }
    finally {
        await store.close();
    }
}
describe('server process: crashes and shutdown', function () {
    this.timeout(120_000);
    let dir;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sluice-crash-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));
    it(`keeps every 201-acknowledged append across ${KILLS} SIGKILLs at random moments`, async () => {
        // Two data directories killed in parallel lanes: a server start costs ~1 s of mostly single-core CPU.
        const lanes = [join(dir, 'a'), join(dir, 'b')];
        let kills = 0;
        await Promise.all(lanes.map(async (dataDir, lane) => {
            const acked = [];
            for (let round = 0; round < Math.ceil(KILLS / lanes.length); round++) {
                const server = await spawnServer(dataDir);
                // The last appends acknowledged before the kill (the ones a lost tail would take) are there after recovery.
                for (const a of acked.slice(-50)) {
                    const res = await fetch(`${server.url}/log/${a.offset}`);
                    expect(res.status).to.equal(200);
                    expect((await res.json()).data).to.deep.equal(a.data);
                }
                const load = appendLoad(server.url, `l${lane}r${round}`, 6, acked);
                await new Promise((resolve) => setTimeout(resolve, Math.floor(Math.random() * 250)));
                server.child.kill('SIGKILL');
                expect(await server.exited).to.equal('SIGKILL');
                kills++;
                await load.stop();
            }
            expect(acked.length).to.be.greaterThan(KILLS / lanes.length);
            await expectAllPresent(dataDir, acked);
        }));
        expect(kills).to.be.at.least(KILLS);
    });
    it('exits 0 on SIGTERM under load with open live streams, losing no acknowledged append', async () => {
        const server = await spawnServer(dir);
        const sse = await openStream(`${server.url}/log?live=true`, { accept: 'text/event-stream' });
        const ndjson = await openStream(`${server.url}/log?live=true`, { accept: 'application/x-ndjson' });
        const acked = [];
        const load = appendLoad(server.url, 'term', 6, acked);
        await sse.waitFor((b) => b.includes('event: record'), 10_000, 'a first record');
        const started = Date.now();
        server.child.kill('SIGTERM');
        expect(await server.exited).to.equal(0);
        expect(Date.now() - started).to.be.below(10_000);
        await load.stop();
        await sse.ended;
        await ndjson.ended;
        expect(acked.length).to.be.greaterThan(0);
        await expectAllPresent(dir, acked);
    });
});
//# sourceMappingURL=crash.test.js.map
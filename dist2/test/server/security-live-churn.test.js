// 1,000 live connections (SSE, NDJSON and binary follows, JSON long-polls; by key and by SSE token) opened against a
// real listening server and dropped by their clients: afterwards no live response, slot, append listener or socket is
// left, and the heap (after a full GC) is back near where it started.
import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { openHttpFixture, openStream, waitUntil } from '../helpers/http-fixture.js';
const KEY_A = 'churn-key-a-0123456789abcdef';
const KEY_B = 'churn-key-b-0123456789abcdef';
const TOTAL = 1000;
const WAVE = 200;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
function heapAfterGc() {
    for (let i = 0; i < 3; i++)
        gc();
    return process.memoryUsage().heapUsed;
}
describe('server: live connection churn', function () {
    this.timeout(120_000);
    let fx;
    let listening = 0;
    beforeEach(async () => {
        fx = await openHttpFixture({ apiKeys: [KEY_A, KEY_B], limits: { maxLiveConnections: WAVE, maxLiveConnectionsPerKey: WAVE, rateLimitMax: 0, heartbeatMs: 200 } });
        await fx.store.append('s', Array.from({ length: 50 }, (_, i) => ({ type: 'T', data: { i } })));
        // Count the append listeners the server's responses hold (the views' own subscriptions came before).
        const log = fx.store.log;
        const subscribe = log.onAppend.bind(log);
        listening = 0;
        log.onAppend = (listener) => {
            listening++;
            const unsubscribe = subscribe(listener);
            let done = false;
            return () => {
                if (!done)
                    listening--;
                done = true;
                unsubscribe();
            };
        };
        await fx.listen();
    });
    afterEach(async () => fx.close());
    /** Opens `count` live responses of mixed kinds and resolves once the server holds all of them. */
    async function openWave(count, wave) {
        const token = (await fx.app.inject({ method: 'POST', url: '/auth/sse-token', headers: { authorization: `Bearer ${KEY_A}` } })).json().token;
        const streams = [];
        const polls = [];
        for (let i = 0; i < count; i++) {
            const key = i % 2 === 0 ? KEY_A : KEY_B;
            const auth = { authorization: `Bearer ${key}` };
            const from = `from=${i % 3 === 0 ? 0 : fx.store.log.end}`;
            switch ((i + wave) % 5) {
                case 0:
                    streams.push(openStream(`${fx.url}/log?live=true&${from}`, { ...auth, accept: 'text/event-stream' }));
                    break;
                case 1:
                    streams.push(openStream(`${fx.url}/log?live=true&${from}`, { ...auth, accept: 'application/x-ndjson' }));
                    break;
                case 2:
                    streams.push(openStream(`${fx.url}/log?live=true&${from}`, { ...auth, accept: 'application/octet-stream' }));
                    break;
                case 3:
                    streams.push(openStream(`${fx.url}/log?live=true&${from}&token=${encodeURIComponent(token)}`, { accept: 'text/event-stream' }));
                    break;
                default: {
                    const poll = httpRequest(`${fx.url}/log?live=true&wait=60000&from=${fx.store.log.end}`, { headers: auth, agent: false });
                    poll.on('error', () => undefined);
                    poll.end();
                    polls.push(poll);
                }
            }
        }
        const opened = await Promise.all(streams);
        for (const s of opened)
            expect(s.res.statusCode).to.equal(200);
        await waitUntil(() => fx.app.sluice.live.size === count && fx.app.sluice.liveSlots.size === count, 20_000, `${count} live responses`);
        return () => {
            for (const s of opened)
                s.destroy();
            for (const p of polls)
                p.destroy();
        };
    }
    async function settled() {
        const connections = () => new Promise((resolve, reject) => fx.app.server.getConnections((err, n) => (err ? reject(err) : resolve(n))));
        await waitUntil(async () => fx.app.sluice.live.size === 0 && fx.app.sluice.liveSlots.size === 0 && listening === 0 && (await connections()) === 0, 20_000, 'every live response to be released');
        expect(fx.app.sluice.liveSlots.owners).to.equal(0);
    }
    it(`releases everything when ${TOTAL} live clients drop their connections`, async () => {
        // The first wave also warms up what is allocated once (compiled code, pools); the baseline is taken after it.
        let baseline = 0;
        for (let wave = 0; wave < TOTAL / WAVE; wave++) {
            const drop = await openWave(WAVE, wave);
            expect(listening).to.be.at.most(WAVE);
            // Records arrive while they are open, so the streams are busy when they are dropped.
            await fx.store.append('s', Array.from({ length: 20 }, (_, i) => ({ type: 'T', data: { wave, i } })));
            drop();
            await settled();
            if (wave === 0)
                baseline = heapAfterGc();
        }
        const grown = heapAfterGc() - baseline;
        if (process.env.SLUICE_TEST_VERBOSE === '1')
            console.log(`heap grew by ${grown} bytes`);
        // 800 leaked responses would hold far more (each a socket, a stream and its buffers); allow noise only.
        expect(grown, `heap grew by ${(grown / 2 ** 20).toFixed(1)} MiB`).to.be.below(4 * 2 ** 20);
    });
});
//# sourceMappingURL=security-live-churn.test.js.map
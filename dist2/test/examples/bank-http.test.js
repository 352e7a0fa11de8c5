// The bank example over HTTP: `sluice serve` with the example's config as a real child process, and the curl
// walkthrough run against it as a user would; then the server's own answers are checked against the log.
import { expect } from 'chai';
import { join } from 'node:path';
import { balanceChange, MOVEMENT_SIGN } from '../../examples/bank/bank-events.js';
import { getJson, REPO_ROOT, runProcess, startServe, tempDir } from '../helpers/example-kit.js';
const EXAMPLE = join(REPO_ROOT, 'examples', 'bank');
const RUN = 'test';
const ALICE = `alice-${RUN}`;
const BOB = `bob-${RUN}`;
describe('examples/bank over HTTP', () => {
    let dir;
    let server;
    let walkthrough;
    before(async () => {
        dir = tempDir('sluice-bank-http-');
        server = await startServe(join(EXAMPLE, 'sluice.config.json'), join(dir.path, 'data'));
        walkthrough = await runProcess('bash', [join(EXAMPLE, 'walkthrough.sh')], { env: { SLUICE_URL: server.url, RUN } });
    });
    after(async () => {
        const code = await server?.stop();
        dir?.remove();
        expect(code, 'the server shuts down cleanly').to.equal(0);
    });
    const streamOf = async (stream) => (await getJson(`${server.url}/streams/${stream}`)).events;
    context('when walkthrough.sh runs against sluice serve --config examples/bank/sluice.config.json', () => {
        it('finishes successfully', () => {
            expect(walkthrough.code, walkthrough.stderr + walkthrough.stdout).to.equal(0);
            expect(walkthrough.stdout).to.include(`Done: accounts ${ALICE} and ${BOB}`);
        });
        it('gets a 409 for the conflicting withdrawal, then declines it on fresh state', async () => {
            expect(walkthrough.stdout).to.match(/teller 2: Withdrawn 50\.00, expectedRevision 1 -> 409 SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION, currentRevision 2/);
            const types = (await streamOf(ALICE)).map((r) => r.type);
            expect(types).to.deep.equal(['AccountOpened', 'Deposited', 'Withdrawn', 'WithdrawalDeclined']);
        });
        it('leaves balances equal to each account\'s events, and none negative', async () => {
            for (const [account, cents] of [[ALICE, 2000], [BOB, 3500]]) {
                const { state } = await getJson(`${server.url}/views/balances/get?key=${account}`);
                const events = await streamOf(account);
                expect(state.balance, account).to.equal(cents);
                expect(state.balance, account).to.equal(events.reduce((sum, r) => sum + balanceChange(r), 0));
                expect(state.revision, account).to.equal(events[events.length - 1].revision);
            }
        });
        it('reads a statement that matches the account\'s movements, newest first', async () => {
            const movements = (await streamOf(ALICE)).filter((r) => r.type in MOVEMENT_SIGN).reverse();
            const { records } = await getJson(`${server.url}/views/statements/records?account=${ALICE}&reverse=true`);
            expect(records.map((r) => r.offset)).to.deep.equal(movements.map((r) => r.offset));
            const printed = [...walkthrough.stdout.matchAll(/offset +(\d+) +(\w+) +(-?[\d.]+)/g)].map((m) => [Number(m[1]), m[2], Math.round(Number(m[3]) * 100)]);
            expect(printed).to.deep.equal(movements.map((r) => [r.offset, r.type, balanceChange(r)]));
        });
        it('tails the log live and sees Bob\'s last deposit arrive', async () => {
            const last = (await streamOf(BOB)).at(-1);
            expect(last.type).to.equal('Deposited');
            expect(walkthrough.stdout).to.include(`{"offset":${last.offset},"stream":"${BOB}","revision":${last.revision},"type":"Deposited"`);
        });
    });
});
//# sourceMappingURL=bank-http.test.js.map
// Real processes: a child appends with several concurrent appenders (default fsync mode) and is SIGKILLed at
// random moments; everything it acknowledged must be on disk afterwards, intact. SLUICE_SOAK=1 runs many more kills.
import { expect } from 'chai';
import { payloadHash, useLogChildren } from '../helpers/log-child-process.js';
import { readAll, useLogTestKit } from '../helpers/log-test-kit.js';
import { SeededRandom } from '../helpers/seeded-random.js';
const KILLS = process.env.SLUICE_SOAK === '1' ? 500 : 50;
function isAck(line) {
    return typeof line.o === 'number';
}
function matches(record, ack) {
    return record.offset === ack.o && record.stream === ack.s && record.revision === ack.r && record.type === ack.t
        && record.ts === ack.ts && payloadHash(record.data, record.binary) === ack.h;
}
describe('file-log', () => {
    const spawnChild = useLogChildren(); // first: its afterEach kills children before the directories go
    const kit = useLogTestKit();
    context('when the appending process is killed with SIGKILL', () => {
        it(`keeps every acknowledged append intact across ${KILLS} kills at random moments`, async function () {
            this.timeout(KILLS * 2_000);
            const dir = kit.dir();
            const random = new SeededRandom(Number(process.env.SLUICE_SEED ?? Date.now() % 1_000_000));
            const acked = new Map();
            let parentAppends = 0;
            for (let kill = 0; kill < KILLS; kill++) {
                const moment = random.int(0, 9);
                const threshold = random.int(1, 60);
                const child = spawnChild(['append', dir, String(random.int(2, 6)), String(kill + 1)]);
                if (moment === 0) {
                    // During start-up and recovery: as soon as the process exists.
                    await new Promise((resolve) => child.process.once('spawn', resolve));
                }
                else if (moment === 1) {
                    await child.waitForLine((line) => 'ready' in line);
                }
                else {
                    let acks = 0;
                    await child.waitForLine((line) => isAck(line) && ++acks >= threshold);
                }
                await child.kill();
                for (const line of child.lines)
                    if (isAck(line))
                        acked.set(line.o, line);
                const label = `kill ${kill} (seed ${random.seed}, moment ${moment}, threshold ${threshold})`;
                const log = await kit.open({ dir });
                try {
                    for (const ack of acked.values()) {
                        const record = log.readSync(ack.o);
                        expect(matches(record, ack), `${label}: acknowledged record at ${ack.o} differs`).to.equal(true);
                    }
                    expect(log.damagedRanges, label).to.deep.equal([]);
                    expect((await log.verify()).damaged, label).to.deep.equal([]);
                    if (kill % 10 === 9 || kill === KILLS - 1) {
                        const records = await readAll(log);
                        const last = new Map();
                        for (const record of records) {
                            expect(record.revision, `${label}: revision gap in ${record.stream}`).to.equal((last.get(record.stream) ?? -1) + 1);
                            last.set(record.stream, record.revision);
                        }
                        for (const [stream, revision] of last)
                            expect(log.streamRevision(stream)).to.equal(revision);
                    }
                    const stream = `parent-${kill % 3}`;
                    const end = log.end;
                    const result = await log.append(stream, { type: 'parent', data: { kill } }, { expectedRevision: log.streamRevision(stream) ?? 'no_stream' });
                    expect(result.offsets[0]).to.equal(end);
                    parentAppends++;
                }
                finally {
                    await log.close();
                }
            }
            const log = await kit.open({ dir });
            const records = await readAll(log);
            expect(records.filter((r) => r.type === 'parent')).to.have.length(parentAppends);
            expect(acked.size).to.be.greaterThan(KILLS);
        });
    });
});
//# sourceMappingURL=process-kill.test.js.map
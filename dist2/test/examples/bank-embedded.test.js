// The bank example, embedded: a scripted day through the bank's rules, checked against the log it produced.
import { expect } from 'chai';
import { join } from 'node:path';
import { openStore } from '../../store/index.js';
import bankPlugin from '../../examples/bank/bank-plugin.js';
import { balanceChange, bankEvent, MOVEMENT_SIGN } from '../../examples/bank/bank-events.js';
import { Bank } from '../../examples/bank/bank.js';
import { dayOf } from '../../examples/bank/daily-volume-view.js';
import { runScriptedDay } from '../../examples/bank/scripted-day.js';
import { REPO_ROOT, runProcess, tempDir } from '../helpers/example-kit.js';
async function allRecords(store) {
    const records = [];
    for await (const record of store.log.readForward(store.log.start))
        records.push(record);
    return records;
}
/** Every page of an account's statement, following the cursor. */
async function wholeStatement(bank, account, limit) {
    const lines = [];
    let cursor;
    do {
        const page = await bank.statement(account, { limit, cursor });
        expect(page.lines.length).to.be.at.most(limit);
        lines.push(...page.lines);
        cursor = page.cursor ?? undefined;
    } while (cursor !== undefined);
    return lines;
}
describe('examples/bank (embedded)', () => {
    let dir;
    let store;
    let bank;
    async function openBank() {
        dir = tempDir('sluice-bank-test-');
        store = await openStore({ dataDir: dir.path, fsync: 'none', plugins: [bankPlugin] });
        bank = await Bank.open(store);
    }
    async function closeBank() {
        await store?.close();
        dir?.remove();
        store = undefined;
        dir = undefined;
    }
    context('when a scripted day runs', () => {
        let report;
        let records;
        let byAccount;
        // One day (a few seconds) for every check below; the checks only read.
        before(async () => {
            await openBank();
            report = await runScriptedDay(bank, { accounts: 30, operations: 2000, tellers: 8, seed: 7 });
            records = await allRecords(store);
            byAccount = new Map();
            for (const record of records)
                byAccount.set(record.stream, [...(byAccount.get(record.stream) ?? []), record]);
        });
        after(closeBank);
        it('appends thousands of events, as many as the commands report', () => {
            expect(records.length).to.equal(report.events);
            expect(report.events).to.be.greaterThan(2000);
            expect(report.declined, 'some withdrawals were declined').to.be.greaterThan(0);
        });
        it('retries appends that lost a race (the tellers did collide)', () => {
            expect(report.conflicts).to.be.greaterThan(0);
            expect(bank.conflicts).to.equal(report.conflicts);
        });
        it('keeps every account\'s balance and revision equal to a fold of its stream', async () => {
            for (const id of report.accounts) {
                const events = byAccount.get(id);
                const account = await bank.account(id);
                expect(account, id).to.not.equal(undefined);
                expect(account.balance, id).to.equal(events.reduce((sum, r) => sum + balanceChange(r), 0));
                expect(account.revision, id).to.equal(events[events.length - 1].revision);
            }
        });
        it('never lets an account go below zero, at any point of the log', () => {
            for (const [id, events] of byAccount) {
                let balance = 0;
                for (const record of events) {
                    balance += balanceChange(record);
                    expect(balance, `${id} after offset ${record.offset}`).to.be.at.least(0);
                }
            }
        });
        it('makes the balances add up to deposits minus withdrawals', async () => {
            let total = 0;
            for (const id of report.accounts)
                total += (await bank.account(id)).balance;
            const sumOf = (type) => records.filter((r) => r.type === type).reduce((s, r) => s + r.data.amount, 0);
            expect(total).to.equal(sumOf('Deposited') - sumOf('Withdrawn'));
            expect(sumOf('TransferSent')).to.equal(sumOf('TransferReceived'));
        });
        it('gives each account a statement, newest first across pages, of exactly its money movements', async () => {
            for (const id of report.accounts) {
                const expected = byAccount.get(id).filter((r) => r.type in MOVEMENT_SIGN).reverse();
                const lines = await wholeStatement(bank, id, 7);
                expect(lines.map((l) => l.offset), id).to.deep.equal(expected.map((r) => r.offset));
                expect(lines.map((l) => l.amount), id).to.deep.equal(expected.map(balanceChange));
            }
        });
        it('totals the day in daily-volume', async () => {
            const expected = {};
            for (const record of records) {
                const event = bankEvent(record);
                const day = dayOf(record.ts);
                const t = expected[day] ?? { deposited: 0, withdrawn: 0, transferred: 0, declined: 0, events: 0 };
                const amount = 'amount' in event.data ? event.data.amount : 0;
                expected[day] = {
                    deposited: t.deposited + (event.type === 'Deposited' ? amount : 0),
                    withdrawn: t.withdrawn + (event.type === 'Withdrawn' ? amount : 0),
                    transferred: t.transferred + (event.type === 'TransferSent' ? amount : 0),
                    declined: t.declined + (event.type === 'WithdrawalDeclined' ? 1 : 0),
                    events: t.events + 1,
                };
            }
            expect(Object.keys(expected)).to.deep.equal([report.day]);
            expect(await bank.dailyVolume()).to.deep.equal(expected);
        });
        it('closes the two accounts emptied in the evening', async () => {
            for (const id of report.accounts.slice(0, 2)) {
                expect(await bank.account(id), id).to.include({ status: 'closed', balance: 0 });
                expect((await bank.deposit(id, 100)).status, `deposit to closed ${id}`).to.equal('rejected');
            }
        });
    });
    context('when two withdrawals race for the same money', () => {
        beforeEach(openBank);
        afterEach(closeBank);
        it('appends one, declines the other on fresh state, and the balance stays positive', async () => {
            await bank.openAccount('carol', 'Carol');
            await bank.deposit('carol', 10_000);
            const results = await Promise.all([bank.withdraw('carol', 8_000), bank.withdraw('carol', 8_000)]);
            expect(results.map((r) => r.status).sort()).to.deep.equal(['declined', 'done']);
            expect(Math.max(...results.map((r) => r.attempts)), 'the loser retried').to.equal(2);
            expect(await bank.account('carol')).to.include({ balance: 2_000, revision: 3 });
        });
    });
    context('when a command breaks a rule', () => {
        beforeEach(openBank);
        afterEach(closeBank);
        it('appends nothing', async () => {
            await bank.openAccount('dave', 'Dave');
            const end = store.log.end;
            expect(await bank.openAccount('dave', 'Dave again')).to.include({ status: 'rejected', reason: 'account-exists' });
            expect(await bank.deposit('nobody', 100)).to.include({ status: 'rejected', reason: 'no-such-account' });
            expect(await bank.transfer('dave', 'dave', 100)).to.include({ status: 'rejected', reason: 'same-account' });
            await bank.deposit('dave', 100);
            expect(await bank.closeAccount('dave')).to.include({ status: 'rejected', reason: 'balance-not-zero' });
            expect(store.log.end).to.be.greaterThan(end); // only the deposit
            expect((await allRecords(store)).map((r) => r.type)).to.deep.equal(['AccountOpened', 'Deposited']);
        });
    });
    describe('embedded.js (the documented command)', () => {
        it('runs a day in a temporary store and prints balances that add up, a statement and the volume', async () => {
            const result = await runProcess(process.execPath, [join(REPO_ROOT, 'dist/examples/bank/embedded.js'), '--operations', '300', '--fsync', 'none']);
            expect(result.code, result.stderr).to.equal(0);
            expect(result.stdout).to.include('the balances add up');
            expect(result.stdout).to.match(/Statement of acct-\d+, newest first/);
            expect(result.stdout).to.match(/Daily volume[\s\S]*2025-03-14 {2}deposited/);
        });
    });
});
//# sourceMappingURL=bank-embedded.test.js.map
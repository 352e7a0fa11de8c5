/** mulberry32: a small seeded generator, so a seed always gives the same script. */
function seeded(seed) {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const int = (min, max) => min + Math.floor(next() * (max - min + 1));
    return { int, pick: (items) => items[int(0, items.length - 1)] };
}
export function accountIds(count) {
    return Array.from({ length: count }, (_, i) => `acct-${String(i + 1).padStart(4, '0')}`);
}
function script(accounts, operations, seed) {
    const random = seeded(seed);
    const ops = [];
    for (let i = 0; i < operations; i++) {
        const roll = random.int(1, 100);
        const account = random.pick(accounts);
        if (roll <= 40)
            ops.push({ kind: 'deposit', account, amount: random.int(10, 500) * 100 });
        else if (roll <= 70)
            ops.push({ kind: 'withdraw', account, amount: random.int(5, 400) * 100 });
        else if (roll <= 92)
            ops.push({ kind: 'transfer', from: account, to: random.pick(accounts), amount: random.int(5, 300) * 100 });
        else
            ops.push({ kind: 'rush', account, amounts: Array.from({ length: random.int(2, 4) }, () => random.int(200, 600) * 100) });
    }
    return ops;
}
class Tally {
    done = 0;
    declined = 0;
    rejected = 0;
    events = 0;
    add(result, eventsIfDone = 1) {
        if (result.status === 'done') {
            this.done++;
            this.events += eventsIfDone;
        }
        else if (result.status === 'declined') {
            this.declined++;
            this.events++;
        }
        else {
            this.rejected++;
        }
    }
}
export async function runScriptedDay(bank, options = {}) {
    const started = Date.now();
    const day = options.day ?? '2025-03-14';
    const accounts = accountIds(options.accounts ?? 40);
    const operations = options.operations ?? 3000;
    const random = seeded((options.seed ?? 1) ^ 0x5eed);
    const open = Date.parse(`${day}T08:00:00Z`);
    const close = Date.parse(`${day}T18:00:00Z`);
    const clockAt = (i) => open + Math.floor(((close - open) * (i + 1)) / (operations + 2));
    const tally = new Tally();
    const conflictsBefore = bank.conflicts;
    // Morning: open every account with a first deposit.
    for (const [i, id] of accounts.entries()) {
        tally.add(await bank.openAccount(id, `Customer ${i + 1}`, open));
        tally.add(await bank.deposit(id, random.int(100, 2000) * 100, open));
    }
    // The day: tellers take the next operation as soon as they are free.
    const ops = script(accounts, operations, options.seed ?? 1);
    let next = 0;
    const teller = async () => {
        while (next < ops.length) {
            const i = next++;
            const op = ops[i];
            const at = clockAt(i);
            switch (op.kind) {
                case 'deposit':
                    tally.add(await bank.deposit(op.account, op.amount, at));
                    break;
                case 'withdraw':
                    tally.add(await bank.withdraw(op.account, op.amount, at));
                    break;
                case 'transfer':
                    tally.add(await bank.transfer(op.from, op.to, op.amount, at), 2);
                    break;
                case 'rush': for (const result of await Promise.all(op.amounts.map((amount) => bank.withdraw(op.account, amount, at))))
                    tally.add(result);
            }
        }
    };
    await Promise.all(Array.from({ length: options.tellers ?? 8 }, teller));
    // Evening: two customers take out everything and close their accounts.
    for (const id of accounts.slice(0, 2)) {
        const balance = (await bank.account(id))?.balance ?? 0;
        if (balance > 0)
            tally.add(await bank.withdraw(id, balance, close));
        tally.add(await bank.closeAccount(id, close));
    }
    return {
        day, accounts, done: tally.done, declined: tally.declined, rejected: tally.rejected, events: tally.events,
        conflicts: bank.conflicts - conflictsBefore, ms: Date.now() - started,
    };
}
//# sourceMappingURL=scripted-day.js.map
// The bank, embedded: opens a Sluice store in a temporary directory (like SQLite, no server), runs a scripted day of
// activity through the bank's rules, and prints balances, a statement and the day's volume from the views.
//   npm run build && node dist/examples/bank/embedded.js [--operations 3000] [--tellers 8] [--fsync batch] [--data <dir>]
// The day runs in `batch` durability (synced every 50 ms) by default: a simulation need not wait for the disk on
// every command. A real bank keeps the default `fsync`, where an append resolves only once it is on disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../../store/index.js'; // in your project: from 'sluice'
import bankPlugin from './bank-plugin.js';
import { Bank } from './bank.js';
import { formatCents } from './bank-events.js';
import { runScriptedDay } from './scripted-day.js';
const { values } = parseArgs({
    options: {
        operations: { type: 'string', default: '3000' },
        accounts: { type: 'string', default: '40' },
        tellers: { type: 'string', default: '8' },
        seed: { type: 'string', default: '1' },
        fsync: { type: 'string', default: 'batch' },
        data: { type: 'string' },
    },
});
const temporary = values.data === undefined;
const dataDir = values.data ?? mkdtempSync(join(tmpdir(), 'sluice-bank-'));
const store = await openStore({ dataDir, fsync: values.fsync, plugins: [bankPlugin] });
const out = (line = '') => process.stdout.write(`${line}\n`);
try {
    const bank = await Bank.open(store);
    const report = await runScriptedDay(bank, {
        operations: Number(values.operations), accounts: Number(values.accounts), tellers: Number(values.tellers), seed: Number(values.seed),
    });
    out(`A scripted day at the bank (${report.day}), store in ${dataDir}`);
    out(`  ${values.tellers} tellers, ${report.accounts.length} accounts, ${values.operations} operations in ${(report.ms / 1000).toFixed(1)} s (durability: ${values.fsync})`);
    out(`  ${report.done} commands done, ${report.declined} declined for lack of funds, ${report.rejected} rejected by a rule`);
    out(`  ${report.events} events appended; ${report.conflicts} appends refused by expectedRevision and retried on fresh state`);
    out();
    out('Balances (the balances view):');
    out(`  ${'account'.padEnd(10)} ${'owner'.padEnd(14)} ${'status'.padEnd(7)} ${'balance'.padStart(12)}`);
    let total = 0;
    let lowest = Infinity;
    const accounts = [];
    for (const id of report.accounts) {
        const account = await bank.account(id);
        if (account !== undefined)
            accounts.push([id, account]);
    }
    for (const [i, [id, account]] of accounts.entries()) {
        total += account.balance;
        lowest = Math.min(lowest, account.balance);
        if (i < 8 || i === accounts.length - 1)
            out(`  ${id.padEnd(10)} ${account.owner.padEnd(14)} ${account.status.padEnd(7)} ${formatCents(account.balance).padStart(12)}`);
        else if (i === 8)
            out(`  ${'...'.padEnd(10)}`);
    }
    const volume = await bank.dailyVolume();
    const days = Object.values(volume);
    const deposited = days.reduce((sum, d) => sum + d.deposited, 0);
    const withdrawn = days.reduce((sum, d) => sum + d.withdrawn, 0);
    out(`  ${'total'.padEnd(33)} ${formatCents(total).padStart(12)}`);
    out(`  deposits ${formatCents(deposited)} - withdrawals ${formatCents(withdrawn)} = ${formatCents(deposited - withdrawn)}: ` +
        `${deposited - withdrawn === total ? 'the balances add up' : 'MISMATCH'}; lowest balance ${formatCents(lowest)}`);
    const busiest = accounts.slice(2).reduce((a, b) => (b[1].revision > a[1].revision ? b : a))[0];
    out();
    out(`Statement of ${busiest}, newest first (the statements view, first page):`);
    const { lines, cursor } = await bank.statement(busiest, { limit: 10 });
    for (const line of lines) {
        const when = new Date(line.ts).toISOString().replace('T', ' ').slice(0, 19);
        const other = line.counterparty === undefined ? '' : `  ${line.amount < 0 ? 'to' : 'from'} ${line.counterparty}`;
        out(`  ${when}  ${line.type.padEnd(16)} ${formatCents(line.amount).padStart(10)}${other}`);
    }
    if (cursor !== null)
        out(`  ... (more pages: pass the cursor back)`);
    out();
    out('Daily volume (the daily-volume view):');
    for (const [day, t] of Object.entries(volume)) {
        out(`  ${day}  deposited ${formatCents(t.deposited)}  withdrawn ${formatCents(t.withdrawn)}  transferred ${formatCents(t.transferred)}  declined ${t.declined}  events ${t.events}`);
    }
}
finally {
    await store.close();
    if (temporary)
        rmSync(dataDir, { recursive: true, force: true });
}
//# sourceMappingURL=embedded.js.map
// The bank's rules over a Sluice store: an account opens once, takes no money once closed, and never goes below zero.
// Every command reads the accounts it touches from the `balances` view (balance and stream revision from one row),
// decides, and appends with `expectedRevision` set to that revision. If another command wrote to the account in
// between, the log refuses the append (nothing is written) and the command runs again on fresh state: two
// concurrent withdrawals can both read 100 and ask for 80, but only one of them is appended.
import { isSluiceError } from '../../store/index.js'; // in your project: from 'sluice'
import { bankEvent, MOVEMENT_SIGN } from './bank-events.js';
function event(type, data, at) {
    return at === undefined ? { type, data } : { type, data, ts: at };
}
function checkAmount(amount) {
    if (!Number.isSafeInteger(amount) || amount <= 0)
        throw new RangeError(`amounts are positive integer cents (got ${amount})`);
}
/** The usable state of an account, or why there is none. */
function openAccount(account) {
    if (account === undefined)
        return 'no-such-account';
    return account.status === 'closed' ? 'account-closed' : account;
}
/** The offset of the newest record in the log, -1 when it is empty. */
export async function lastRecordOffset(store) {
    for await (const record of store.log.readBackward({ limit: 1 }))
        return record.offset;
    return -1;
}
export function statementLine(record) {
    const e = bankEvent(record);
    if (e === undefined || !(e.type in MOVEMENT_SIGN))
        return undefined;
    const type = e.type;
    const amount = MOVEMENT_SIGN[type] * e.data.amount;
    const counterparty = e.type === 'TransferSent' ? e.data.to : e.type === 'TransferReceived' ? e.data.from : undefined;
    return { offset: record.offset, ts: record.ts, type, amount, ...(counterparty === undefined ? {} : { counterparty }) };
}
export class Bank {
    store;
    seen;
    /** Appends refused because another command changed an account first (each was retried). */
    conflicts = 0;
    maxAttempts;
    waitMs;
    /** `seen`: the newest record this bank knows of; reads wait until the views have applied it (read-your-writes). */
    constructor(store, seen, options) {
        this.store = store;
        this.seen = seen;
        this.maxAttempts = options.maxAttempts ?? 100;
        this.waitMs = options.waitMs ?? 5_000;
    }
    /** A bank over `store`, whose views must include the bank plugin's. Its first reads see the whole log. */
    static async open(store, options = {}) {
        return new Bank(store, await lastRecordOffset(store), options);
    }
    openAccount(id, owner, at) {
        return this.execute([id], ([account]) => account !== undefined
            ? { status: 'rejected', reason: 'account-exists' }
            : { status: 'done', writes: [{ stream: id, events: [event('AccountOpened', { owner }, at)], expectedRevision: 'no_stream' }] });
    }
    deposit(id, amount, at) {
        checkAmount(amount);
        return this.execute([id], ([found]) => {
            const account = openAccount(found);
            if (typeof account === 'string')
                return { status: 'rejected', reason: account };
            return { status: 'done', writes: [{ stream: id, events: [event('Deposited', { amount }, at)], expectedRevision: account.revision }] };
        });
    }
    withdraw(id, amount, at) {
        checkAmount(amount);
        return this.execute([id], ([found]) => {
            const account = openAccount(found);
            if (typeof account === 'string')
                return { status: 'rejected', reason: account };
            const expectedRevision = account.revision;
            if (account.balance < amount) {
                return { status: 'declined', writes: [{ stream: id, events: [event('WithdrawalDeclined', { amount, balance: account.balance, via: 'withdrawal' }, at)], expectedRevision }] };
            }
            return { status: 'done', writes: [{ stream: id, events: [event('Withdrawn', { amount }, at)], expectedRevision }] };
        });
    }
    /** Moves money between two accounts: both events are appended atomically, each guarded by its account's revision. */
    transfer(from, to, amount, at) {
        checkAmount(amount);
        return this.execute([from, to], ([foundFrom, foundTo]) => {
            if (from === to)
                return { status: 'rejected', reason: 'same-account' };
            const payer = openAccount(foundFrom);
            if (typeof payer === 'string')
                return { status: 'rejected', reason: payer };
            const payee = openAccount(foundTo);
            if (typeof payee === 'string')
                return { status: 'rejected', reason: payee };
            if (payer.balance < amount) {
                return { status: 'declined', writes: [{ stream: from, events: [event('WithdrawalDeclined', { amount, balance: payer.balance, via: 'transfer' }, at)], expectedRevision: payer.revision }] };
            }
            // The payer's next revision is unique to this transfer.
            const transferId = `${from}#${payer.revision + 1}`;
            return {
                status: 'done',
                writes: [
                    { stream: from, events: [event('TransferSent', { amount, to, transferId }, at)], expectedRevision: payer.revision },
                    { stream: to, events: [event('TransferReceived', { amount, from, transferId }, at)], expectedRevision: payee.revision },
                ],
            };
        });
    }
    closeAccount(id, at) {
        return this.execute([id], ([found]) => {
            const account = openAccount(found);
            if (typeof account === 'string')
                return { status: 'rejected', reason: account };
            if (account.balance !== 0)
                return { status: 'rejected', reason: 'balance-not-zero' };
            return { status: 'done', writes: [{ stream: id, events: [event('AccountClosed', {}, at)], expectedRevision: account.revision }] };
        });
    }
    /** The account as the `balances` view has it, once the view has applied everything this bank has seen. */
    async account(id) {
        if (this.seen < 0)
            return undefined; // nothing in the log yet, so no accounts
        await this.caughtUp('balances');
        try {
            return (await this.store.views.query('balances', 'get', { key: id })).state;
        }
        catch (err) {
            if (isSluiceError(err, 'VIEW_KEY_NOT_FOUND'))
                return undefined;
            throw err;
        }
    }
    /** One page of an account's statement, newest first; pass `cursor` back for the next page (null at the end). */
    async statement(id, page = {}) {
        if (this.seen < 0)
            return { lines: [], cursor: null };
        await this.caughtUp('statements');
        const params = { account: id, reverse: true, limit: page.limit ?? 20, ...(page.cursor === undefined ? {} : { cursor: page.cursor }) };
        const { records, cursor } = (await this.store.views.query('statements', 'records', params));
        return { lines: records.map(statementLine).filter((l) => l !== undefined), cursor };
    }
    async dailyVolume() {
        if (this.seen < 0)
            return {};
        await this.caughtUp('daily-volume');
        return (await this.store.views.query('daily-volume', 'get', {})).state;
    }
    async caughtUp(view) {
        if (this.seen >= 0)
            await this.store.views.waitFor(view, this.seen, this.waitMs);
    }
    async execute(ids, decide) {
        for (let attempt = 1;; attempt++) {
            const accounts = await Promise.all(ids.map((id) => this.account(id)));
            const decision = decide(accounts);
            if (decision.status === 'rejected')
                return { ...decision, attempts: attempt };
            try {
                const { lastOffset } = await this.store.appendBatch(decision.writes);
                this.seen = Math.max(this.seen, lastOffset);
                return { status: decision.status, offset: lastOffset, attempts: attempt };
            }
            catch (err) {
                if (!isSluiceError(err, 'STREAM_WRONG_EXPECTED_REVISION') || attempt >= this.maxAttempts)
                    throw err;
                this.conflicts++;
                // Another writer got there first: decide again once the views have applied what is in the log now.
                this.seen = Math.max(this.seen, await lastRecordOffset(this.store));
            }
        }
    }
}
//# sourceMappingURL=bank.js.map
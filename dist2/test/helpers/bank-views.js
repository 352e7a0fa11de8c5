import { indexView } from '../../views/index-view.js';
import { keyedStateView } from '../../views/keyed-state-view.js';
import { reducerView } from '../../views/reducer-view.js';
import { SeededRandom } from './seeded-random.js';
function deposit(data) {
    return data !== null && typeof data === 'object' ? data : {};
}
export function accountIndex(version = 1, name = 'by-account') {
    return indexView({ name, version, keys: (record) => deposit(record.data).account });
}
export function balances(version = 1, name = 'balances') {
    return keyedStateView({
        name,
        version,
        key: (record) => deposit(record.data).account,
        initial: { balance: 0, deposits: 0 },
        evolve: (state, record) => ({ balance: state.balance + (deposit(record.data).amount ?? 0), deposits: state.deposits + 1 }),
    });
}
export function total(version = 1, name = 'total') {
    return reducerView({
        name,
        version,
        initial: { sum: 0, count: 0 },
        reduce: (state, record) => ({ sum: state.sum + (deposit(record.data).amount ?? 0), count: state.count + 1 }),
    });
}
export function bankViews(version = 1) {
    return [accountIndex(version), balances(version), total(version)];
}
/** `n` deterministic events over `accounts` accounts, with a few types and tags, as one-event stream writes. */
export function bankWrites(n, seed = 1, accounts = 20) {
    const random = new SeededRandom(seed);
    const writes = [];
    for (let i = 0; i < n; i++) {
        const account = `acct-${random.int(0, accounts - 1)}`;
        const event = {
            type: random.pick(['deposit', 'deposit', 'withdrawal', 'fee']),
            data: { account, amount: random.int(-50, 100) },
            tags: random.chance(0.5) ? [random.pick(['vip', 'eu', 'us', 'audit'])] : undefined,
        };
        writes.push({ stream: account, events: [event] });
    }
    return writes;
}
//# sourceMappingURL=bank-views.js.map
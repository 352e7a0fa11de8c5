// The two benchmark views beside the three first-party ones: an index of deposits by `account` and a keyed
// state view (balance per account), as a plugin module a config file can list (`sluice reindex` loads it).
import { definePlugin } from '../plugins/define-plugin.js';
import { indexView } from '../views/index-view.js';
import { keyedStateView } from '../views/keyed-state-view.js';
function accountOf(record) {
    const data = record.data;
    return typeof data?.account === 'string' ? data.account : undefined;
}
export default definePlugin({
    name: 'bench-accounts',
    views: [
        indexView({ name: 'accounts', version: 1, keyParam: 'account', keys: accountOf }),
        keyedStateView({
            name: 'balances',
            version: 1,
            key: accountOf,
            initial: { balance: 0 },
            evolve: (state, record) => ({ balance: state.balance + (record.data.amount ?? 0) }),
        }),
    ],
});
//# sourceMappingURL=account-views-plugin.js.map
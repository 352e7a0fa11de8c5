// The two benchmark views beside the three first-party ones: an index of deposits by `account` and a keyed
// state view (balance per account), as a plugin module a config file can list (`sluice reindex` loads it).
import { definePlugin } from '../plugins/define-plugin.js';
import { indexView } from '../views/index-view.js';
import { keyedStateView } from '../views/keyed-state-view.js';
import type { LogRecord } from '../core/log/event-log.js';

function accountOf(record: LogRecord): string | undefined {
  const data = record.data as { account?: unknown } | null;
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
      evolve: (state, record) => ({ balance: state.balance + ((record.data as { amount?: number }).amount ?? 0) }),
    }),
  ],
});

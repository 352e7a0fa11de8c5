// A small banking domain used by the view suites, the crash child and the benchmark: deposits to accounts,
// indexed by account, folded into balances and into one global total.
import type { NewEvent, StreamWrite } from '../../core/log/event-log.js';
import type { ViewDefinition } from '../../core/view-engine/view-definition.js';
import { indexView } from '../../views/index-view.js';
import { keyedStateView } from '../../views/keyed-state-view.js';
import { reducerView } from '../../views/reducer-view.js';
import { SeededRandom } from './seeded-random.js';

interface Deposit {
  readonly account?: string;
  readonly amount?: number;
}

function deposit(data: unknown): Deposit {
  return data !== null && typeof data === 'object' ? (data as Deposit) : {};
}

export function accountIndex(version = 1, name = 'by-account'): ViewDefinition {
  return indexView({ name, version, keys: (record) => deposit(record.data).account });
}

export function balances(version = 1, name = 'balances'): ViewDefinition {
  return keyedStateView<{ balance: number; deposits: number }>({
    name,
    version,
    key: (record) => deposit(record.data).account,
    initial: { balance: 0, deposits: 0 },
    evolve: (state, record) => ({ balance: state.balance + (deposit(record.data).amount ?? 0), deposits: state.deposits + 1 }),
  });
}

export function total(version = 1, name = 'total'): ViewDefinition {
  return reducerView<{ sum: number; count: number }>({
    name,
    version,
    initial: { sum: 0, count: 0 },
    reduce: (state, record) => ({ sum: state.sum + (deposit(record.data).amount ?? 0), count: state.count + 1 }),
  });
}

export function bankViews(version = 1): ViewDefinition[] {
  return [accountIndex(version), balances(version), total(version)];
}

/** `n` deterministic events over `accounts` accounts, with a few types and tags, as one-event stream writes. */
export function bankWrites(n: number, seed = 1, accounts = 20): StreamWrite[] {
  const random = new SeededRandom(seed);
  const writes: StreamWrite[] = [];
  for (let i = 0; i < n; i++) {
    const account = `acct-${random.int(0, accounts - 1)}`;
    const event: NewEvent = {
      type: random.pick(['deposit', 'deposit', 'withdrawal', 'fee']),
      data: { account, amount: random.int(-50, 100) },
      tags: random.chance(0.5) ? [random.pick(['vip', 'eu', 'us', 'audit'])] : undefined,
    };
    writes.push({ stream: account, events: [event] });
  }
  return writes;
}

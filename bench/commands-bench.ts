// Command handler benchmark: one command (load state, decide, append one event) on a stream of 10,000 events, with
// the state read from a keyed state view at the stream's revision versus folded from the stream's events.
// Runs on its own store (the shared 1,000,000-event log is not needed: the cost is per stream).
import { join } from 'node:path';
import { commandHandler } from '../core/commands/command-handler.js';
import type { StateDefinition } from '../core/commands/command-definition.js';
import { openStore } from '../store/open-store.js';
import { keyedStateView } from '../views/keyed-state-view.js';
import { report, type BenchFigure } from './bench-results.js';

const STREAM_EVENTS = Number(process.env.SLUICE_BENCH_STREAM_EVENTS ?? 10_000);

interface Account { readonly balance: number; readonly deposits: number }

const account: StateDefinition<Account> = {
  initial: { balance: 0, deposits: 0 },
  evolve: (state, record) => ({ balance: state.balance + (record.data as { amount: number }).amount, deposits: state.deposits + 1 }),
};

const deposit = (amount: number) => ({ type: 'Deposited', data: { amount } });

export async function runCommandsBench(dataDir: string, results: BenchFigure[]): Promise<void> {
  const store = await openStore({
    dataDir: join(dataDir, 'commands'), fsync: 'none',
    plugins: [{ name: 'bench', views: [keyedStateView({ name: 'accounts', version: 1, key: 'stream', ...account })] }],
  });
  try {
    for (let i = 0; i < STREAM_EVENTS; i += 1000) {
      await store.append('hot', Array.from({ length: Math.min(1000, STREAM_EVENTS - i) }, () => deposit(1)));
      await store.append(`other-${i}`, deposit(1)); // other streams in between, as in a real log
    }
    const byView = commandHandler({ store, ...account });
    const byFold = commandHandler({ store, ...account, stateFrom: 'fold' });
    for (const [label, handler, runs] of [['state read from the view', byView, 300], ['state folded from its events', byFold, 30]] as const) {
      await handler.handle('hot', () => deposit(1)); // warm-up
      const started = process.hrtime.bigint();
      for (let i = 0; i < runs; i++) {
        const { source } = await handler.handle('hot', (state) => deposit(state.balance > 0 ? 1 : 2));
        if (source !== (handler === byView ? 'view' : 'fold')) throw new Error(`expected state from ${handler === byView ? 'view' : 'fold'}, got ${source}`);
      }
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      report(results, { name: `command on a ${STREAM_EVENTS}-event stream, ${label}`, value: ms / runs, unit: 'ms' });
    }
  } finally {
    await store.close();
  }
}

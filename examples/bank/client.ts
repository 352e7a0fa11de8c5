// The bank as an HTTP application: a teller program that talks to `sluice serve` only through the typed client
// (`sluice/client`), with the view queries typed from the bank plugin itself. It follows the live tail, opens two
// accounts, deposits with optimistic concurrency, races two withdrawals (one gets a 409 and decides again on fresh
// state), and prints the statement, the balances and the day's volume.
//   npx sluice serve --config examples/bank/sluice.config.json      (terminal 1)
//   node dist/examples/bank/client.js --url http://127.0.0.1:7071    (terminal 2)
import { parseArgs } from 'node:util';
import { createClient, SluiceError, type QueryResult, type SluiceClient } from '../../client/index.js'; // in your project: from 'sluice/client'
import type bankPlugin from './bank-plugin.js';
import { formatCents } from './bank-events.js';

type BankClient = SluiceClient<typeof bankPlugin>;

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.SLUICE_URL ?? 'http://127.0.0.1:7071' },
    'api-key': { type: 'string', default: process.env.SLUICE_API_KEY },
    run: { type: 'string', default: String(Date.now()) },
  },
});

const client: BankClient = createClient<typeof bankPlugin>({ url: values.url!, apiKey: values['api-key'] });
const alice = `alice-${values.run}`;
const bob = `bob-${values.run}`;
/** The newest offset this program wrote: reads wait until the views have applied it (read-your-writes). */
let seen = 0;

/** Reads the account from `balances`, decides, appends with the revision it read; on a 409 reads again and decides again. */
/** What `balances/get` answers, typed from the plugin: {key, state: AccountState | null}. */
type Balance = QueryResult<typeof bankPlugin, 'balances', 'get'>;
type Decision = { type: string; data: Record<string, unknown> };

const readAccount = (account: string): Promise<Balance> => client.views.query('balances', 'get', { key: account }, { after: seen });

async function command(account: string, decide: (balance: number) => Decision, label: string, firstRead = readAccount(account)): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { state } = attempt === 1 ? await firstRead : await readAccount(account);
    if (state === null) throw new Error(`${account} is not an account`);
    const event = decide(state.balance);
    try {
      const { lastOffset } = await client.append(account, event, { expectedRevision: state.revision });
      seen = Math.max(seen, lastOffset);
      console.log(`${label}: ${event.type} ${formatCents(event.data.amount as number)}, expectedRevision ${state.revision} -> appended at ${lastOffset}`);
      return;
    } catch (err) {
      if (!(err instanceof SluiceError) || err.code !== 'SLUICE_ERR_STREAM_WRONG_EXPECTED_REVISION') throw err;
      console.log(`${label}: ${event.type} ${formatCents(event.data.amount as number)}, expectedRevision ${state.revision} -> 409 ${err.code}, currentRevision ${err.currentRevision}; deciding again (attempt ${attempt + 1})`);
      // What beat us is in the log now: read from the log (views may lag) so the next read waits for it.
      const { records } = await client.read({ after: seen, limit: 10_000 });
      seen = records.at(-1)?.offset ?? seen;
    }
  }
}

const withdraw = (account: string, amount: number, label: string, firstRead?: Promise<Balance>): Promise<void> => command(account, (balance) => (balance >= amount
  ? { type: 'Withdrawn', data: { amount } }
  : { type: 'WithdrawalDeclined', data: { amount, balance, via: 'withdrawal' } }), label, firstRead);

async function main(): Promise<void> {
  const ready = await client.ready();
  console.log(`Connected to ${client.url} (log end ${ready.end})`);

  // Follow the live tail from now on, in the background; it would ride over a server restart by itself.
  const tail = new AbortController();
  const tailed: number[] = [];
  const following = (async () => {
    for await (const record of client.subscribe({ from: ready.end, signal: tail.signal })) {
      tailed.push(record.offset);
      if (record.stream === alice || record.stream === bob) console.log(`  tail: ${record.offset} ${record.stream}#${record.revision} ${record.type}`);
    }
  })();

  for (const [account, owner] of [[alice, 'Alice'], [bob, 'Bob']] as const) {
    const opened = await client.append(account, { type: 'AccountOpened', data: { owner } }, { expectedRevision: 'no_stream' });
    seen = opened.lastOffset;
    console.log(`opened ${account} for ${owner} at ${opened.lastOffset}`);
  }
  await command(alice, () => ({ type: 'Deposited', data: { amount: 10_000 } }), 'deposit');
  await command(bob, () => ({ type: 'Deposited', data: { amount: 5_000 } }), 'deposit');

  // Two tellers withdraw 80.00 from Alice's 100.00 at once: both decide on the same read (revision 1), and only one
  // append can hold it; the other gets a 409, reads again and records a WithdrawalDeclined.
  const sameRead = readAccount(alice);
  await Promise.all([withdraw(alice, 8_000, 'teller 1', sameRead), withdraw(alice, 8_000, 'teller 2', sameRead)]);

  const statement = await client.views.query('statements', 'records', { account: alice, reverse: true }, { after: seen });
  console.log(`statement of ${alice}, newest first:`);
  for (const record of statement.records) {
    const { amount } = record.data as { amount?: number };
    console.log(`  ${record.offset} ${record.type} ${amount === undefined ? '' : formatCents(amount)}`);
  }
  for (const account of [alice, bob]) {
    const { state } = await client.views.query('balances', 'get', { key: account }, { after: seen });
    console.log(`balance ${account}: ${formatCents(state?.balance ?? 0)} (revision ${state?.revision})`);
  }
  const volume = await client.views.query('daily-volume', 'get', undefined, { after: seen });
  for (const [day, totals] of Object.entries(volume.state)) console.log(`volume ${day}: deposited ${formatCents(totals.deposited)}, withdrawn ${formatCents(totals.withdrawn)}, declined ${totals.declined}`);

  // Stop the tail once it has shown our last write.
  while (!tailed.includes(seen)) await new Promise((resolve) => setTimeout(resolve, 20));
  tail.abort();
  await following;
  console.log(`Done: accounts ${alice} and ${bob}; the tail saw ${tailed.length} records`);
}

main().catch((err: unknown) => {
  console.error(err instanceof SluiceError ? `${err.code}: ${err.message}` : err);
  process.exit(1);
});

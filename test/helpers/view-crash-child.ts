// Child process for the view crash test: opens the store with the bank views at a given version (small view
// batches, so a kill lands among many transactions), appends a few hundred deposits while the views index, prints
// "ready" once open, and keeps running until the parent SIGKILLs it.
// Usage: node view-crash-child.js <dataDir> <version> <seed> [worker]: with `worker`, the views apply on the round
// worker thread (the bank views loaded as a module).
import { fileURLToPath } from 'node:url';
import { openStore } from '../../store/open-store.js';
import { definePlugin } from '../../plugins/define-plugin.js';
import { bankViews, bankWrites } from './bank-views.js';

const [dataDir, version, seed, threads] = process.argv.slice(2);
const worker = threads === 'worker';
process.env.SLUICE_TEST_BANK_VERSION = version;
const store = await openStore({
  dataDir: dataDir!,
  fsync: 'none',
  plugins: [worker ? fileURLToPath(new URL('./bank-views-plugin.js', import.meta.url)) : definePlugin({ name: 'bank', views: bankViews(Number(version)) })],
  viewBatch: { records: 97 },
  viewWorker: worker,
});
process.stdout.write('ready\n');
const writes = bankWrites(300, Number(seed));
for (let i = 0; i < writes.length; i += 10) await store.appendBatch(writes.slice(i, i + 10));
await store.views.idle();
process.stdout.write('idle\n');
setInterval(() => undefined, 60_000);

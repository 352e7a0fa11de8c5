// `node dist/bench/run-cli-bench.js [events]`: only the CLI benchmarks, on a fresh log of deposit events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileLog } from '../core/log/file-log.js';
import { runCliBench } from './cli-bench.js';
import { depositBatch } from './workload.js';
const events = Number(process.argv[2] ?? 1_000_000);
const dataDir = mkdtempSync(join(tmpdir(), 'sluice-cli-bench-'));
try {
    const log = await openFileLog({ dir: join(dataDir, 'log'), fsync: 'none' });
    for (let i = 0; i < events; i += 1000)
        await log.appendBatch(depositBatch(i, Math.min(1000, events - i)));
    await log.close();
    console.log(`CLI benchmarks on ${events} events`);
    await runCliBench(dataDir, []);
}
finally {
    rmSync(dataDir, { recursive: true, force: true });
}
//# sourceMappingURL=run-cli-bench.js.map
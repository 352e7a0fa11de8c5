// `node dist/bench/run-views-bench.js [events]`: the views stages alone, on a fresh log of `events` deposits.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openFileLog } from '../core/log/file-log.js';
import { runViewsBench } from './views-bench.js';
import { depositBatch } from './workload.js';
const events = Number(process.argv[2] ?? 1_000_000);
const dataDir = mkdtempSync(join(tmpdir(), 'sluice-views-bench-'));
try {
    const log = await openFileLog({ dir: join(dataDir, 'log'), fsync: 'none' });
    for (let i = 0; i < events; i += 1000)
        await log.appendBatch(depositBatch(i, Math.min(1000, events - i)));
    await log.close();
    const results = [];
    await runViewsBench(dataDir, results);
}
finally {
    rmSync(dataDir, { recursive: true, force: true });
}
//# sourceMappingURL=run-views-bench.js.map
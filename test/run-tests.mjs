// Runs the compiled suite under c8 and ends with the plain "N passed, N failed" line CI reads.
// Extra arguments go to mocha (e.g. `npm test -- --grep log`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'sluice-summary-'));
const summaryFile = join(dir, 'summary.txt');
const result = spawnSync('npx', ['c8', 'mocha', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, SLUICE_TEST_SUMMARY: summaryFile },
});
let summary = '0 passed, 1 failed';
try { summary = readFileSync(summaryFile, 'utf8').trim(); } catch { /* mocha never reached its end */ }
rmSync(dir, { recursive: true, force: true });
console.log(summary);
process.exit(result.status ?? 1);

// CLI benchmarks on the shared 1,000,000-event log, each run as a real `sluice` child process:
// `sluice reindex --all` with all five views (records/s, peak RSS of the child) and `sluice cat` to /dev/null.
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { report } from './bench-results.js';
const here = dirname(fileURLToPath(import.meta.url));
const SLUICE = join(here, '..', 'bin', 'sluice.js');
const PLUGIN = join(here, 'account-views-plugin.js');
const TIME = '/usr/bin/time';
/** Runs `sluice <args>`; peak RSS from GNU time when installed. stdout goes to `stdoutPath` or is collected. */
function runSluice(args, stdoutPath) {
    const timed = existsSync(TIME);
    const argv = timed ? ['-v', process.execPath, SLUICE, ...args] : [SLUICE, ...args];
    const out = stdoutPath === undefined ? 'pipe' : openSync(stdoutPath, 'w');
    const started = process.hrtime.bigint();
    const child = spawn(timed ? TIME : process.execPath, argv, { stdio: ['ignore', out, 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (c) => { stdout += c; });
    child.stderr.setEncoding('utf8').on('data', (c) => { stderr += c; });
    return new Promise((resolve, reject) => {
        child.on('close', (code) => {
            const seconds = Number(process.hrtime.bigint() - started) / 1e9;
            if (typeof out === 'number')
                closeSync(out);
            if (code !== 0) {
                reject(new Error(`sluice ${args.join(' ')} exited ${code}: ${stderr.slice(-2000)}`));
                return;
            }
            const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
            resolve({ seconds, stdout, peakRssMb: kb ? Math.round(Number(kb[1]) / 1024) : undefined });
        });
        child.on('error', reject);
    });
}
export async function runCliBench(dataDir, results) {
    const config = join(dataDir, 'cli-bench.config.json');
    writeFileSync(config, JSON.stringify({ plugins: [PLUGIN] }));
    const common = ['--data', dataDir, '--config', config];
    const reindex = await runSluice(['reindex', '--all', ...common]);
    const built = [...reindex.stdout.matchAll(/^(\S+) v\d+ build #\d+(?: \(resumed\))?: ready at offset \d+ \((\d+) records\)/gm)];
    if (built.length !== 5)
        throw new Error(`expected 5 views rebuilt, got: ${reindex.stdout}`);
    const records = Number(built[0][2]);
    report(results, { name: 'cli: sluice reindex --all (5 views), records/s', value: Math.round(records / reindex.seconds), unit: 'records/s' });
    if (reindex.peakRssMb !== undefined)
        report(results, { name: 'cli: sluice reindex --all, peak RSS', value: reindex.peakRssMb, unit: 'MB' });
    const cat = await runSluice(['cat', ...common], '/dev/null');
    report(results, { name: 'cli: sluice cat > /dev/null, records/s', value: Math.round(records / cat.seconds), unit: 'records/s' });
    if (cat.peakRssMb !== undefined)
        report(results, { name: 'cli: sluice cat, peak RSS', value: cat.peakRssMb, unit: 'MB' });
}
//# sourceMappingURL=cli-bench.js.map
// Fixtures for the CLI tests: run `node dist/bin/sluice.js` as a real child process against a temp data dir,
// collect its output, wait on conditions in that output (never fixed sleeps), and run a server process.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
export const SLUICE_BIN = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'bin', 'sluice.js');
/** The environment children get: no SLUICE_* leaking in from the developer's shell. */
function childEnv(extra = {}) {
    const env = {};
    for (const [k, v] of Object.entries(process.env))
        if (!k.startsWith('SLUICE_'))
            env[k] = v;
    for (const [k, v] of Object.entries(extra)) {
        if (v === undefined)
            delete env[k];
        else
            env[k] = v;
    }
    return env;
}
/** A running CLI process whose output accumulates, with waits on what it has printed. */
export class CliProcess {
    child;
    stdout = '';
    stderr = '';
    exited;
    waiters = [];
    constructor(child) {
        this.child = child;
        child.stdout.setEncoding('utf8').on('data', (chunk) => { this.stdout += chunk; this.notify(); });
        child.stderr.setEncoding('utf8').on('data', (chunk) => { this.stderr += chunk; this.notify(); });
        this.exited = new Promise((resolve) => {
            child.on('close', (code, signal) => {
                this.notify();
                resolve({ code, signal, stdout: this.stdout, stderr: this.stderr });
            });
        });
    }
    get pid() {
        return this.child.pid;
    }
    notify() {
        const current = this.waiters;
        this.waiters = [];
        for (const w of current)
            w();
    }
    /** Resolves once `check(stdout, stderr)` holds; rejects after `timeoutMs` or if the process exits first. */
    async waitFor(check, timeoutMs = 10_000, what = 'output') {
        const deadline = Date.now() + timeoutMs;
        let exited = false;
        void this.exited.then(() => { exited = true; });
        while (!check(this.stdout, this.stderr)) {
            if (exited)
                throw new Error(`process exited before ${what}; stdout: ${this.stdout.slice(-500)} stderr: ${this.stderr.slice(-2000)}`);
            const left = deadline - Date.now();
            if (left <= 0)
                throw new Error(`timed out waiting for ${what}; stdout: ${this.stdout.slice(-500)} stderr: ${this.stderr.slice(-2000)}`);
            await new Promise((resolve) => {
                const timer = setTimeout(resolve, Math.min(left, 250));
                this.waiters.push(() => { clearTimeout(timer); resolve(); });
            });
        }
    }
    /** Lines of stdout so far (complete lines only). */
    lines() {
        const end = this.stdout.lastIndexOf('\n');
        return end < 0 ? [] : this.stdout.slice(0, end).split('\n');
    }
    kill(signal = 'SIGTERM') {
        if (this.child.exitCode === null && this.child.signalCode === null)
            this.child.kill(signal);
        return this.exited;
    }
}
export function spawnCli(args, options = {}) {
    const child = spawn(process.execPath, [SLUICE_BIN, ...args], {
        cwd: options.cwd,
        env: childEnv(options.env),
        stdio: ['pipe', 'pipe', 'pipe'],
    });
    const proc = new CliProcess(child);
    if (options.input !== undefined)
        child.stdin.end(options.input);
    else
        child.stdin.end();
    return proc;
}
export function runCli(args, options = {}) {
    return spawnCli(args, options).exited;
}
export { waitUntil } from './http-fixture.js';
export function tempDir(prefix = 'sluice-cli-') {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    return { dir, data: join(dir, 'data'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
/** `sluice serve` on a free port; resolves once it prints its URL. */
export async function startServerProcess(dataDir, extraArgs = [], options = {}) {
    const proc = spawnCli(['serve', '--data', dataDir, '--port', '0', '--log-level', 'silent', ...extraArgs], options);
    await proc.waitFor((out) => /listening on (http:\S+)/.test(out), 20_000, 'the server to listen');
    const url = /listening on (http:\S+)/.exec(proc.stdout)[1];
    return { proc, url, stop: () => proc.kill('SIGTERM') };
}
export function parseLines(text) {
    return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l));
}
/** `sluice cat <args>` parsed; fails the test with cat's stderr when it does not exit 0. */
export async function catRecords(args, options = {}) {
    const r = await runCli(['cat', ...args], options);
    if (r.code !== 0)
        throw new Error(`sluice cat ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
    return parseLines(r.stdout);
}
//# sourceMappingURL=cli-fixture.js.map
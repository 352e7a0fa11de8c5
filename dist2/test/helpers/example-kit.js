// Runs the examples as a user would: programs and shell scripts as child processes, `sluice serve` with an example's
// config on a free port. Every wait is on a condition (a line of output, a process exit), never a fixed sleep.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
/** The repository root (this file runs from dist/test/helpers/). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SLUICE_BIN = join(REPO_ROOT, 'dist', 'bin', 'sluice.js');
/** The environment children get: no SLUICE_* (or coverage hooks) leaking in from the developer's shell. */
export function childEnv(extra = {}) {
    const env = {};
    for (const [k, v] of Object.entries(process.env))
        if (!k.startsWith('SLUICE_') && !k.startsWith('NODE_V8_COVERAGE'))
            env[k] = v;
    return { ...env, ...extra };
}
/** Runs a command to its end; kills it (and fails) after `timeoutMs`. */
export function runProcess(command, args, options = {}) {
    return new Promise((resolve, reject) => {
        const child = spawn(command, args, { cwd: REPO_ROOT, env: childEnv(options.env), stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        child.stdout.setEncoding('utf8').on('data', (chunk) => { stdout += chunk; });
        child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`${command} ${args.join(' ')} took over ${options.timeoutMs} ms; stdout: ${stdout.slice(-2000)} stderr: ${stderr.slice(-2000)}`));
        }, options.timeoutMs ?? 30_000);
        child.on('error', reject);
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            resolve({ code, signal, stdout, stderr });
        });
    });
}
export function tempDir(prefix = 'sluice-example-') {
    const path = mkdtempSync(join(tmpdir(), prefix));
    return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}
/** `sluice serve --config <config> --data <dataDir> --port 0`; resolves once it prints the URL it listens on. */
export function startServe(config, dataDir) {
    const child = spawn(process.execPath, [SLUICE_BIN, 'serve', '--config', config, '--data', dataDir, '--port', '0', '--log-level', 'warn'], {
        cwd: REPO_ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise((resolve) => child.once('close', (code) => resolve(code)));
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            child.kill('SIGKILL');
            reject(new Error(`sluice serve did not listen within 20 s: ${output}`));
        }, 20_000);
        const onData = (chunk) => {
            output += chunk.toString();
            const match = /Sluice listening on (http:\/\/\S+)/.exec(output);
            if (match === null)
                return;
            clearTimeout(timer);
            resolve({
                child, url: match[1], output: () => output,
                stop: async () => {
                    if (child.exitCode === null && child.signalCode === null)
                        child.kill('SIGTERM');
                    return exited;
                },
            });
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        void exited.then((code) => {
            clearTimeout(timer);
            reject(new Error(`sluice serve exited (${code}) before listening: ${output}`));
        });
    });
}
/** GET `url` and parse the JSON answer, failing on any status but 200. */
export async function getJson(url) {
    const res = await fetch(url);
    const text = await res.text();
    if (res.status !== 200)
        throw new Error(`GET ${url} answered ${res.status}: ${text}`);
    return JSON.parse(text);
}
//# sourceMappingURL=example-kit.js.map
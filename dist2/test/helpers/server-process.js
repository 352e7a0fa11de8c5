// Runs the real server (dist/server/main.js) as a child process on a free port, for crash and shutdown tests.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
const MAIN = fileURLToPath(new URL('../../server/main.js', import.meta.url));
export function spawnServer(dataDir, env = {}) {
    const child = spawn(process.execPath, [MAIN], {
        env: { ...process.env, SLUICE_DATA_DIR: dataDir, SLUICE_PORT: '0', SLUICE_HOST: '127.0.0.1', SLUICE_LOG_LEVEL: 'silent', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (chunk) => { stderr += chunk.toString(); });
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
    return new Promise((resolve, reject) => {
        const onData = (chunk) => {
            stdout += chunk.toString();
            const match = /Sluice listening on (http:\/\/\S+)/.exec(stdout);
            if (match) {
                child.stdout.off('data', onData);
                child.stdout.resume();
                resolve({ child, url: match[1], exited, stderr: () => stderr });
            }
        };
        child.stdout.on('data', onData);
        void exited.then((code) => reject(new Error(`server exited (${code}) before listening: ${stderr}`)));
    });
}
//# sourceMappingURL=server-process.js.map
// Runs test/log/fixtures/log-child in a real child process and reads its JSON lines.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
const SCRIPT = fileURLToPath(new URL('../log/fixtures/log-child.js', import.meta.url));
/** What the parent checks a recovered record against: the payload as a hash keeps the child's lines short. */
export function payloadHash(data, binary) {
    const bytes = binary ? Buffer.from(data) : Buffer.from(JSON.stringify(data ?? null));
    return createHash('sha256').update(bytes).digest('base64');
}
export class LogChild {
    process;
    /** Complete lines so far; a line cut by a kill is never parsed. */
    lines = [];
    closed;
    stderr = '';
    partial = '';
    listeners = new Set();
    constructor(args) {
        this.process = spawn(process.execPath, [SCRIPT, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
        this.process.stdout.setEncoding('utf8');
        this.process.stdout.on('data', (chunk) => {
            const parts = (this.partial + chunk).split('\n');
            this.partial = parts.pop();
            for (const part of parts) {
                const line = JSON.parse(part);
                this.lines.push(line);
                for (const listener of this.listeners)
                    listener(line);
            }
        });
        this.process.stderr.setEncoding('utf8');
        this.process.stderr.on('data', (chunk) => { this.stderr += chunk; });
        this.closed = new Promise((resolve) => this.process.once('close', (code, signal) => resolve({ code, signal })));
    }
    get pid() {
        return this.process.pid;
    }
    /** Resolves with the first line (already seen or to come) that matches; rejects if the child ends first. */
    waitForLine(match, timeoutMs = 15_000) {
        const seen = this.lines.find(match);
        if (seen)
            return Promise.resolve(seen);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => done(new Error(`no matching line from the child within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
            const listener = (line) => { if (match(line))
                done(undefined, line); };
            const done = (err, line) => {
                clearTimeout(timer);
                this.listeners.delete(listener);
                if (err)
                    reject(err);
                else
                    resolve(line);
            };
            this.listeners.add(listener);
            void this.closed.then(() => done(new Error(`the child ended without a matching line; stderr: ${this.stderr}`)));
        });
    }
    /** Calls `listener` for every line from now on. */
    onLine(listener) {
        this.listeners.add(listener);
    }
    /** SIGKILL, then wait until it is reaped and its output is drained. */
    async kill() {
        this.process.kill('SIGKILL');
        await this.closed;
    }
}
/** Call inside a describe(): spawns children that are killed after each test, so a failing test leaves none behind. */
export function useLogChildren() {
    const children = [];
    afterEach(async () => {
        for (const child of children.splice(0)) {
            if (child.process.exitCode === null && child.process.signalCode === null)
                await child.kill();
        }
    });
    return (args) => {
        const child = new LogChild(args);
        children.push(child);
        return child;
    };
}
//# sourceMappingURL=log-child-process.js.map
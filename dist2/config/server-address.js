// `<data>/server.json` names the running server's pid and URL, so a CLI refused by the writer lock can say exactly
// where to send its request (`--url`). Written once listening, removed on a clean close; a stale file is ignored
// because readers only trust it when its pid holds the lock.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const FILE = 'server.json';
export function writeServerAddress(dataDir, url) {
    writeFileSync(join(dataDir, FILE), JSON.stringify({ pid: process.pid, url }) + '\n');
}
export function removeServerAddress(dataDir) {
    rmSync(join(dataDir, FILE), { force: true });
}
/** The URL of the server process `pid`, if it left its address in `dataDir`. */
export function serverUrlFor(dataDir, pid) {
    try {
        const address = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8'));
        return address.pid === pid && typeof address.url === 'string' ? address.url : undefined;
    }
    catch {
        return undefined;
    }
}
//# sourceMappingURL=server-address.js.map
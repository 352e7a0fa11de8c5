// Where the server may listen: loopback by default; any other address only with API keys (or an explicit,
// logged acceptance of the risk). Checked through the real startServer and the real entry point in a child process.
import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isSluiceError } from '../../core/errors.js';
import { caught } from '../helpers/log-test-kit.js';
import { DEFAULT_CONFIG } from '../../config/config.js';
import { isLoopbackHost } from '../../server/loopback.js';
import { startServer, type RunningServer } from '../../server/start.js';

const MAIN = fileURLToPath(new URL('../../server/main.js', import.meta.url));
const KEY = 'bind-test-key-0123456789ab';

describe('server: bind address and API keys', function () {
  this.timeout(30_000);
  let dir: string;
  const running: RunningServer[] = [];
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'sluice-bind-')); });
  afterEach(async () => {
    for (const r of running.splice(0)) await r.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('binds loopback by default', () => {
    expect(DEFAULT_CONFIG.host).to.equal('127.0.0.1');
    for (const host of ['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) expect(isLoopbackHost(host), host).to.equal(true);
    for (const host of ['0.0.0.0', '::', '10.0.0.1', '192.168.1.1', '::ffff:10.0.0.1', 'example.com', '128.0.0.1']) expect(isLoopbackHost(host), host).to.equal(false);
  });

  it('refuses to listen on 0.0.0.0 or :: with no API keys, before opening anything', async () => {
    for (const host of ['0.0.0.0', '::']) {
      const err = await caught(async () => running.push(await startServer({ dataDir: dir, host, port: 0, logLevel: 'silent' }, { handleSignals: false })));
      expect(isSluiceError(err, 'AUTH_INSECURE_BIND'), String(err)).to.equal(true);
      expect(err.message).to.contain(host).and.contain('SLUICE_API_KEYS').and.contain('SLUICE_ALLOW_INSECURE_NO_AUTH');
    }
  });

  it('listens beyond loopback with keys (and then wants them), or when the risk is accepted', async () => {
    const keyed = await startServer({ dataDir: dir, host: '0.0.0.0', port: 0, logLevel: 'silent', apiKeys: [KEY] }, { handleSignals: false });
    running.push(keyed);
    const port = new URL(keyed.url).port;
    expect((await fetch(`http://127.0.0.1:${port}/log`)).status).to.equal(401);
    expect((await fetch(`http://127.0.0.1:${port}/log`, { headers: { authorization: `Bearer ${KEY}` } })).status).to.equal(200);
    await keyed.close();
    const risky = await startServer({ dataDir: dir, host: '0.0.0.0', port: 0, logLevel: 'silent', allowInsecureNoAuth: true }, { handleSignals: false });
    running.push(risky);
    expect((await fetch(`http://127.0.0.1:${new URL(risky.url).port}/log`)).status).to.equal(200);
  });

  it('exits 1 with the explanation when the entry point is asked for a public bind without keys', async () => {
    const run = (env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> => new Promise((resolve) => {
      const child = spawn(process.execPath, [MAIN], {
        env: { ...process.env, SLUICE_DATA_DIR: dir, SLUICE_PORT: '0', SLUICE_LOG_LEVEL: 'silent', SLUICE_API_KEYS: '', SLUICE_ALLOW_INSECURE_NO_AUTH: '', ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      let stdout = '';
      child.stderr.on('data', (c: Buffer) => { stderr += c.toString(); });
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('Sluice listening')) child.kill('SIGTERM');
      });
      child.once('exit', (code) => resolve({ code, stderr, stdout }));
    });
    const refused = await run({ SLUICE_HOST: '0.0.0.0' });
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.contain('SLUICE_ERR_AUTH_INSECURE_BIND').and.contain('refusing to listen on 0.0.0.0');
    expect(refused.stdout).to.not.contain('Sluice listening');
    const accepted = await run({ SLUICE_HOST: '0.0.0.0', SLUICE_ALLOW_INSECURE_NO_AUTH: '1' });
    expect(accepted.stdout).to.contain('Sluice listening');
    expect(accepted.code).to.equal(0);
  });
});

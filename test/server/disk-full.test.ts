// A full disk under a real server (root only: it mounts a small tmpfs): appends are refused with 507 while the disk
// is full and /ready answers 503 naming the cause, so a load balancer stops sending writes; once space is freed the
// server writes again by itself, without a restart, and every acknowledged record is readable exactly once, with no
// refused or partial one. The views on the same disk stop and resume the same way. @slow
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../helpers/http-fixture.js';
import { spawnServer, type ServerProcess } from '../helpers/server-process.js';

const DISK_MB = 24;
const FILLER_MB = 12;
const PAD = 'x'.repeat(32 * 1024);

describe('server on a full disk @slow', function () {
  let mountPoint: string | undefined;
  let mounted = false;
  let server: ServerProcess | undefined;

  before(function () {
    if (process.getuid?.() !== 0) this.skip();
    mountPoint = mkdtempSync(join(tmpdir(), 'sluice-full-disk-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${DISK_MB}M`, 'tmpfs', mountPoint]);
    mounted = true;
  });

  after(async () => {
    if (server) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    if (mounted) execFileSync('umount', [mountPoint!]);
    if (mountPoint) rmSync(mountPoint, { recursive: true, force: true });
  });

  async function get(path: string): Promise<{ status: number; json: Record<string, unknown> }> {
    const res = await fetch(`${server!.url}${path}`);
    return { status: res.status, json: await res.json() as Record<string, unknown> };
  }

  async function append(n: number): Promise<{ status: number; json: Record<string, unknown> }> {
    const res = await fetch(`${server!.url}/streams/fill-${n % 7}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'Filled', data: { n, pad: PAD } }),
    });
    return { status: res.status, json: await res.json() as Record<string, unknown> };
  }

  /** Every record of the log, through the HTTP API, as [n, offset]. */
  async function readLog(): Promise<[number, number][]> {
    const out: [number, number][] = [];
    let from = 0;
    for (;;) {
      const page = (await get(`/log?from=${from}&limit=100`)).json as { records: { offset: number; data: { n: number; pad: string } }[]; next: number; end: number };
      for (const record of page.records) {
        expect(record.data.pad, `record ${record.offset} is whole`).to.equal(PAD);
        out.push([record.data.n, record.offset]);
      }
      if (page.records.length === 0 || page.next >= page.end) return out;
      from = page.next;
    }
  }

  it('refuses appends with 507 and answers /ready 503 while full, then writes again by itself once space is freed', async () => {
    const dataDir = join(mountPoint!, 'data');
    server = await spawnServer(dataDir, { SLUICE_FSYNC: 'fsync' });
    expect((await get('/ready')).status).to.equal(200);
    const filler = join(mountPoint!, 'filler');
    writeFileSync(filler, Buffer.alloc(FILLER_MB * 1024 * 1024, 1));

    const acked: [number, number][] = [];
    let refused: { status: number; json: Record<string, unknown> } | undefined;
    let n = 0;
    for (; n < 2000 && refused === undefined; n++) {
      const res = await append(n);
      if (res.status === 201) acked.push([n, res.json.lastOffset as number]);
      else refused = res;
    }
    expect(refused, 'the disk filled up').to.not.equal(undefined);
    expect(refused!.status, JSON.stringify(refused!.json)).to.equal(507);
    expect(refused!.json.code).to.equal('SLUICE_ERR_LOG_NO_SPACE');
    const refusedN = [n - 1];

    const ready = await get('/ready');
    expect(ready.status).to.equal(503);
    expect(ready.json).to.include({ code: 'SLUICE_ERR_LOG_NOT_WRITABLE', cause: 'SLUICE_ERR_LOG_NO_SPACE', errno: 'ENOSPC' });
    const again = await append(n);
    refusedN.push(n++);
    expect(again.status).to.equal(507);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).to.match(/^sluice_log_writable 0$/m);

    rmSync(filler);
    await waitUntil(async () => (await get('/ready')).status === 200, 20_000, '/ready to answer 200 again');
    for (let i = 0; i < 3; i++, n++) {
      const res = await append(n);
      expect(res.status, JSON.stringify(res.json)).to.equal(201);
      acked.push([n, res.json.lastOffset as number]);
    }

    const records = await readLog();
    expect(records, 'every acknowledged record exactly once, in order, and nothing else').to.deep.equal(acked);
    for (const r of refusedN) expect(records.some(([seen]) => seen === r), `refused append ${r} never appears`).to.equal(false);
    // The views on the same disk caught up by themselves.
    await waitUntil(async () => {
      const view = (await get('/views/streams')).json as { lagBytes: number; error?: unknown };
      return view.lagBytes === 0 && view.error === undefined;
    }, 20_000, 'the streams view to resume and catch up');
  });
});

// Real headless Chromium (Debian's /usr/bin/chromium, driven by playwright-core) and a tiny HTTP server that plays
// a web app on another origin: it serves an empty page and the built modules (dist/: the client and the Node-free
// core files it imports, plus eventsource-parser through an import map), so a page can
// `await import('/client/index.js')` as a browser app would.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const CHROMIUM = process.env.SLUICE_CHROMIUM ?? '/usr/bin/chromium';

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>sluice test app</title>
<script type="importmap">{"imports":{"eventsource-parser":"/vendor/eventsource-parser.js"}}</script>
</head><body></body></html>`;

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium profile in a temp dir, removed on close. */
export async function launchChromium(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'sluice-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export interface AppServer {
  /** The port; the app's origin is http://127.0.0.1:<port> (and http://localhost:<port> is another origin). */
  readonly port: number;
  close(): Promise<void>;
}

/** Serves the test page at `/`, the compiled modules of dist/ (`/client/index.js`, ...), eventsource-parser at `/vendor/`. */
export async function startAppServer(): Promise<AppServer> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    let file: string | undefined;
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    const dist = join(ROOT, 'dist');
    if (path.endsWith('.js')) file = join(dist, normalize(path).replace(/^\/+/, ''));
    if (path === '/vendor/eventsource-parser.js') file = join(ROOT, 'node_modules', 'eventsource-parser', 'dist', 'index.js');
    if (file === undefined || (!file.startsWith(`${dist}/`) && !file.includes('eventsource-parser'))) {
      res.writeHead(404).end();
      return;
    }
    try {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' }).end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

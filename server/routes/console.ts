// GET /console: the web console, a single page of plain ES modules shipped in the package's console/ folder, with
// Preact and htm served from the installed node_modules (no CDN: it works offline). The pages and scripts hold no
// data, so they need no key (scope public); everything the console shows comes from the API routes, with the key
// the user types in. Only files that exist when the app is built are served: no path from a URL reaches the disk.
import fastifyStatic from '@fastify/static';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { SluiceError } from '../../core/errors.js';

/** The console's own files (index.html, app modules, styles), beside dist/ in the package. */
export const CONSOLE_DIR = fileURLToPath(new URL('../../../console/', import.meta.url));

/** The third-party modules the page's import map names, by the file name it asks for. */
const VENDOR: Readonly<Record<string, string>> = {
  'preact.mjs': 'preact',
  'preact-hooks.mjs': 'preact/hooks',
  'htm.mjs': 'htm',
  'htm-preact.mjs': 'htm/preact',
};

/** Every browser fetches one of these; the check only refuses clients asking for JSON alone. */
const PRODUCES = ['text/html', 'text/javascript', 'text/css', 'image/svg+xml'];

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [relative(CONSOLE_DIR, path).split(sep).join('/')];
  });
}

/** The Content-Security-Policy: our own scripts and the one inline import map (allowed by its hash), nothing else. */
function contentSecurityPolicy(indexHtml: string): string {
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(indexHtml)?.[1] ?? '';
  const hash = createHash('sha256').update(importMap, 'utf8').digest('base64');
  return [
    "default-src 'none'", `script-src 'self' 'sha256-${hash}'`, "style-src 'self'", "connect-src 'self'",
    "img-src 'self' data:", "base-uri 'none'", "form-action 'none'", "frame-ancestors 'none'",
  ].join('; ');
}

export async function consoleRoutes(app: FastifyInstance): Promise<void> {
  const files = new Set(listFiles(CONSOLE_DIR));
  const csp = contentSecurityPolicy(readFileSync(join(CONSOLE_DIR, 'index.html'), 'utf8'));
  const vendor = new Map(Object.entries(VENDOR).map(([name, specifier]) => [name, fileURLToPath(import.meta.resolve(specifier))]));
  // serve: false: no routes of its own (every route here declares its scope); we only use reply.sendFile.
  await app.register(fastifyStatic, { root: CONSOLE_DIR, serve: false, cacheControl: false });

  const send = (reply: FastifyReply, file: string, root: string): FastifyReply => reply
    .header('content-security-policy', csp)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    // Revalidate every time (ETag): an upgraded server never runs a page against stale scripts.
    .header('cache-control', 'no-cache')
    .sendFile(file, root);
  const config = { scope: 'public' as const, produces: PRODUCES };
  const hide = { hide: true };

  app.get('/console', { schema: hide, config }, async (_request, reply) => send(reply, 'index.html', CONSOLE_DIR));

  app.get<{ Params: { file: string } }>('/console/vendor/:file', { schema: hide, config }, async (request, reply) => {
    const path = vendor.get(request.params.file);
    if (path === undefined) throw new SluiceError('HTTP_NOT_FOUND', { method: 'GET', url: request.url.split('?')[0] });
    return send(reply, basename(path), dirname(path));
  });

  app.get<{ Params: { '*': string } }>('/console/*', { schema: hide, config }, async (request, reply) => {
    const file = request.params['*'];
    if (!files.has(file)) throw new SluiceError('HTTP_NOT_FOUND', { method: 'GET', url: request.url.split('?')[0] });
    return send(reply, file, CONSOLE_DIR);
  });
}

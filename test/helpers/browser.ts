// A real headless Chromium (Debian's chromium package, driven by playwright-core) for the console's browser tests:
// a fresh profile per browser, every page watched for console errors and uncaught exceptions, screenshots saved under
// test-artifacts/console/ (gitignored) so a failing run leaves pictures behind.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.SLUICE_CHROMIUM ?? '/usr/bin/chromium';
export const ARTIFACTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../../test-artifacts/console');

const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface WatchedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  readonly errors: string[];
}

export interface BrowserFixture {
  readonly context: BrowserContext;
  /** A new tab; `key`, when given, is in its sessionStorage before any script runs (as if the user had signed in). */
  newPage(key?: string): Promise<WatchedPage>;
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function openBrowser(): Promise<BrowserFixture> {
  const profile = mkdtempSync(join(tmpdir(), 'sluice-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH, headless: true, args: ARGS, viewport: { width: 1280, height: 860 }, timeout: 60_000,
  });
  context.setDefaultTimeout(15_000);
  return {
    context,
    async newPage(key) {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('console', (message) => { if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`); });
      page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
      if (key !== undefined) await page.addInitScript((k) => sessionStorage.setItem('sluice.apiKey', k), key);
      return { page, errors };
    },
    async screenshot(page, name) {
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      const path = join(ARTIFACTS_DIR, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, expect } from 'vitest';

/** Flags Debian's Chromium needs headless as root on a machine with a closed network. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export interface E2eBrowser {
  context: BrowserContext;
  page: Page;
  /** What the browser refused under the Content-Security-Policy (console errors); every test ends with none. */
  cspViolations: string[];
  close(): Promise<void>;
}

/** A fresh Chromium profile (own cookies) at a laptop-sized viewport. */
export async function openBrowser(baseUrl: string): Promise<E2eBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'liionsden-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1366, height: 900 },
    baseURL: baseUrl,
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(30_000);
  const cspViolations: string[] = [];
  context.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy/i.test(msg.text())) cspViolations.push(msg.text());
  });
  return {
    context,
    page,
    cspViolations,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot under test-results/ (named after the test). */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const path = `test-results/${(process.env.E2E_LABEL ?? 'e2e') + '-' + name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}.png`;
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Registers, inside a describe, what every browser test file needs around its tests: a screenshot of the
 * page when a test fails (under the report folder, named after the test) and the browser closed at the end.
 */
export function browserHooks(get: () => E2eBrowser | undefined): void {
  afterEach(async (ctx) => {
    const browser = get();
    if (ctx.task.result?.state === 'fail' && browser) await saveScreenshot(browser.page, `failed-${ctx.task.name}`);
    // The web app must work under its CSP (src/api/security-headers.middleware.ts): nothing refused.
    expect(browser?.cspViolations.splice(0) ?? []).toEqual([]);
  });
  afterAll(async () => get()?.close());
}

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../paths';
import { TIMEOUT } from '../timeouts';
import { launchChromium } from './chromium';
import { type ServeProcess, startServe } from './serve-process';

export const screenshots = path.join(repoRoot, 'test-results/screenshots');

export interface OpenApp {
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  /** Console errors, uncaught exceptions and CSP violations the page reported so far. */
  errors: string[];
  /** Closes the browser and stops the web host with Ctrl-C; resolves to its exit code. */
  close(): Promise<number | null>;
}

/** The real web host and a Chromium page on its UI, once the page shows the host's pid. */
export async function openApp(
  serveArgs?: string[],
  viewport = { width: 1440, height: 1000 },
  env?: NodeJS.ProcessEnv,
): Promise<OpenApp> {
  await mkdir(screenshots, { recursive: true });
  const serve = await startServe(serveArgs, env);
  let browser: Browser | null = null;
  let page: Page;
  let errors: string[];
  try {
    browser = await launchChromium();
    page = await browser.newPage({ viewport });
    page.setDefaultTimeout(TIMEOUT.ui); // for the clicks and fills, which wait for their element too
    errors = collectPageErrors(page);
    await page.goto(serve.uiUrl);
    await page
      .getByTestId('pid')
      .filter({ hasText: String(serve.pid) })
      .waitFor({ timeout: TIMEOUT.ui });
  } catch (error) {
    // The suite never gets an app to close: nothing it started may outlive it.
    await browser?.close();
    await serve.stop();
    throw error;
  }
  const opened = browser;
  return {
    serve,
    browser: opened,
    page,
    errors,
    async close() {
      await opened.close();
      const code = await serve.stop();
      // Every suite expects a page that reported nothing wrong: what it did report fails the suite here.
      if (errors.length > 0) throw new Error(`the page reported errors:\n${errors.join('\n')}`);
      return code;
    },
  };
}

/** What the page reports as wrong: console errors (CSP violations among them) and uncaught exceptions. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  return errors;
}

/** The bottom panel's tabs, as `data-testid="tab-…"` names them. */
export type LogTab = 'log' | 'output' | 'signals' | 'orders' | 'sequence';

/** Brings one of the bottom panel's tabs to the front: the rows of the others are out of sight. */
export async function showTab(page: Page, tab: LogTab): Promise<void> {
  await page.getByTestId(`tab-${tab}`).click();
}

/** The timeline's visible range as one frame drew it: read at once, since a frame drawn between two reads
 * would mix two views. */
export function viewOf(page: Page): Promise<{ start: number; end: number; following: string | null }> {
  return page.getByTestId('timeline').evaluate((timeline) => ({
    start: Number(timeline.dataset.viewStartUs),
    end: Number(timeline.dataset.viewEndUs),
    following: timeline.dataset.following ?? null,
  }));
}

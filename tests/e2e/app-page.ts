import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../paths';
import { launchChromium } from './chromium';
import { type ServeProcess, startServe } from './serve-process';

export const screenshots = path.join(repoRoot, 'test-results/screenshots');

export interface OpenApp {
  serve: ServeProcess;
  browser: Browser;
  page: Page;
  /** Closes the browser and stops the web host with Ctrl-C; resolves to its exit code. */
  close(): Promise<number | null>;
}

/** The real web host and a Chromium page on its UI, once the page shows the host's pid. */
export async function openApp(
  serveArgs?: string[],
  viewport = { width: 1440, height: 1000 },
): Promise<OpenApp> {
  await mkdir(screenshots, { recursive: true });
  const serve = await startServe(serveArgs);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  await page.goto(serve.uiUrl);
  await page
    .getByTestId('pid')
    .filter({ hasText: String(serve.pid) })
    .waitFor();
  return {
    serve,
    browser,
    page,
    async close() {
      await browser.close();
      return serve.stop();
    },
  };
}

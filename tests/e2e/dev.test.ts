import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { procStat } from '../integration/reliability-proc';
import { repoRoot } from '../paths';
import { TIMEOUT, waitFor } from '../timeouts';
import { collectPageErrors, screenshots } from './app-page';
import { launchChromium } from './chromium';

describe('npm run dev: Vite with hot reload in front of a real lab', () => {
  let dev: ChildProcess | undefined;
  let browser: Browser | undefined;
  afterAll(async () => {
    await browser?.close();
    if (dev && dev.exitCode === null) dev.kill('SIGKILL');
  });

  it('serves the page from Vite, proxies /ws to the lab, and stops both on Ctrl-C', async () => {
    dev = spawn(process.execPath, [path.join(repoRoot, 'scripts/dev.mjs'), '--echo-port', '0'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: string[] = [];
    createInterface({ input: dev.stdout! }).on('line', (line) => lines.push(line));
    createInterface({ input: dev.stderr! }).on('line', (line) => lines.push(line));
    const url = await waitFor(
      () => lines.find((line) => line.startsWith('dev: '))?.slice(5),
      () => `the dev URL (printed so far: ${lines.join(' / ')})`,
      TIMEOUT.hostStart,
    );
    const labPid = Number(lines.find((line) => line.startsWith('lab pid: '))?.slice(9));
    expect(procStat(labPid)).not.toBeNull();

    browser = await launchChromium();
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.setDefaultTimeout(TIMEOUT.ui); // for the clicks and fills, which wait for their element too
    const consoleLines: string[] = [];
    page.on('console', (message) => consoleLines.push(message.text()));
    const errors = collectPageErrors(page);
    await page.goto(url);
    await page
      .getByTestId('pid')
      .filter({ hasText: String(labPid) })
      .waitFor({ timeout: TIMEOUT.ui });
    // Vite's client says so once its hot-reload socket is up.
    await expect
      .poll(() => consoleLines.some((line) => line.includes('[vite] connected')), { timeout: TIMEOUT.ui })
      .toBe(true);
    await page.getByTestId('spawn-clients').click();
    await expect.poll(() => page.getByTestId('reply-row').count(), { timeout: TIMEOUT.clientRun }).toBe(5);
    await page.screenshot({ path: path.join(screenshots, 'dev-server.png') });
    expect(errors).toEqual([]);

    const exited = once(dev, 'exit');
    dev.kill('SIGINT');
    await exited;
    await waitFor(() => (procStat(labPid) === null ? true : undefined), 'the lab to stop', TIMEOUT.stop);
  });
});

import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../paths';
import { TIMEOUT } from '../timeouts';
import { type OpenApp, openApp, screenshots, showTab } from './app-page';
import type { ServeProcess } from './serve-process';

const threeLines = path.join(repoRoot, 'tests/fixtures/print-three-lines.sh');

describe('the skeleton UI in Chromium, against npm run serve', () => {
  let serve: ServeProcess;
  let page: Page;
  let app: OpenApp;

  beforeAll(async () => {
    app = await openApp();
    ({ serve, page } = app);
  });

  afterAll(async () => {
    expect(await app?.close()).toBe(0);
  });

  it('spawns 5 clients and shows each reply exactly as the client printed it', async () => {
    // The reply log's list is in place before the first rows: they arrive without moving it.
    const list = page.getByRole('region', { name: 'Reply log rows' });
    const before = await list.boundingBox();
    await page.getByTestId('spawn-clients').click();
    await expect.poll(() => page.getByTestId('reply-row').count(), { timeout: TIMEOUT.clientRun }).toBe(5);
    expect(await list.boundingBox()).toEqual(before);
    const rows = await page.getByTestId('reply-row').allTextContents();
    for (const row of rows) {
      expect(row).toMatch(/client got: \[b"server got: \[b'client:process=\d+'\]"\]/);
    }
    await expect
      .poll(() => page.getByTestId('timeline').getAttribute('data-connections'), { timeout: TIMEOUT.ui })
      .toBe('5');
    await page.screenshot({ path: path.join(screenshots, 'spawn-5-clients.png'), fullPage: true });
  });

  it('fires SIGUSR2 at the app from the button and shows its delivery', async () => {
    await page.getByTestId('signal-target').selectOption('app');
    await page.getByTestId('signal-name').selectOption('SIGUSR2');
    await page.getByTestId('send-signal').click();
    await page
      .getByTestId('signal-row')
      .filter({ hasText: 'SIGUSR2 (12)' })
      .first()
      .waitFor({ timeout: TIMEOUT.ui });
  });

  it('shows a signal sent from a terminal with kill', async () => {
    process.kill(serve.pid, 'SIGUSR1');
    await showTab(page, 'signals'); // a signal from outside does not bring the log up by itself
    await page
      .getByTestId('signal-row')
      .filter({ hasText: 'SIGUSR1 (10)' })
      .first()
      .waitFor({ timeout: TIMEOUT.ui });
  });

  it('arms a 1 s alarm and shows the SIGALRM it delivers', async () => {
    await page.getByTestId('alarm-seconds').fill('1');
    await page.getByTestId('arm-alarm').click();
    await page
      .getByTestId('signal-row')
      .filter({ hasText: 'SIGALRM (14)' })
      .first()
      .waitFor({ timeout: TIMEOUT.ui });
    await page.screenshot({ path: path.join(screenshots, 'signals-and-alarm.png'), fullPage: true });
  });

  for (const mode of ['pipe', 'socket'] as const) {
    it(`redirects a script's three lines into the output pane (${mode})`, async () => {
      await page.getByTestId('redirect-mode').selectOption(mode);
      await page.getByTestId('script-command').fill(`${threeLines} ${mode}`);
      await page.getByTestId('run-script').click();
      const pane = page.getByTestId('output-pane');
      for (const line of [`one ${mode}`, `two ${mode}`, `three ${mode}`]) {
        await pane.filter({ hasText: line }).waitFor({ timeout: TIMEOUT.ui });
      }
      await page.screenshot({ path: path.join(screenshots, `redirect-${mode}.png`), fullPage: true });
    });
  }

  it('shows a clear error for a command that does not exist', async () => {
    await page.getByTestId('redirect-mode').selectOption('pipe');
    await page.getByTestId('script-command').fill('no-such-command-ipc-scope');
    await page.getByTestId('run-script').click();
    await page
      .getByTestId('error')
      .filter({ hasText: 'no-such-command-ipc-scope' })
      .waitFor({ timeout: TIMEOUT.ui });
  });
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPython } from '../../main/engine/python';
import { TIMEOUT } from '../timeouts';
import { type OpenApp, openApp, screenshots, showTab } from './app-page';
import type { ServeProcess } from './serve-process';

/** One classic round trip to a port on loopback: the reply as text. */
function ask(port: number, message: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(message));
    socket.once('data', (data) => {
      resolve(data.toString());
      socket.destroy();
    });
    socket.once('error', reject);
  });
}

/** A port nothing listens on now: the kernel hands out a free one and it is let go at once. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('the controls no other test drives, in Chromium against npm run serve', () => {
  let serve: ServeProcess;
  let page: Page;
  let app: OpenApp;
  let temp: string;

  beforeAll(async () => {
    app = await openApp();
    ({ serve, page } = app);
    temp = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-controls-'));
  });

  afterAll(async () => {
    expect(await app?.close()).toBe(0);
    await rm(temp, { recursive: true, force: true });
  });

  it('stops the echo server, and starts it again on the port typed in', async () => {
    await page.getByTestId('echo-stop').click();
    await page.locator('.echo-status').filter({ hasText: 'Stopped' }).waitFor({ timeout: TIMEOUT.ui });
    await expect(ask(serve.echoPort, 'anyone?')).rejects.toThrow(/ECONNREFUSED/);
    const port = await freePort();
    await page.getByTestId('echo-port').fill(String(port));
    await page.getByTestId('echo-start').click();
    await page
      .locator('.echo-status')
      .filter({ hasText: `Listening on 127.0.0.1:${port}` })
      .waitFor({ timeout: TIMEOUT.ui });
    expect(await ask(port, 'hello')).toBe("server got: [b'hello']");
  });

  it('shows the kill command for its own pid, and a delivery from outside as such', async () => {
    expect(await page.getByTestId('kill-command').textContent()).toBe(`kill -USR2 ${serve.pid}`);
    process.kill(serve.pid, 'SIGUSR2'); // what the command does, from this process instead of a terminal
    await showTab(page, 'signals'); // nothing the user did here brings the signal log up by itself
    const row = page
      .locator('[data-testid="signal-row"][data-source="external"]')
      .filter({ hasText: 'SIGUSR2' });
    await row.first().waitFor({ timeout: TIMEOUT.ui });
    expect(await row.first().textContent()).toContain('outside the app');
  });

  it('repeats an alarm until it is cancelled', async () => {
    const fired = page.locator('[data-testid="signal-row"][data-source="alarm"]');
    await page.getByTestId('alarm-seconds').fill('1');
    await page.getByTestId('alarm-repeat').check();
    await page.getByTestId('arm-alarm').click();
    await expect.poll(() => fired.count(), { timeout: TIMEOUT.ui }).toBeGreaterThanOrEqual(2);
    expect(await page.getByTestId('alarm-countdown').count()).toBe(1); // still armed: it repeats
    await page.getByTestId('cancel-alarm').click();
    // The lab reports the cancel (alarm:cancelled), and the countdown goes: nothing is pending any more.
    await page
      .locator('.alarm-status .empty')
      .filter({ hasText: 'No alarm pending' })
      .waitFor({ timeout: TIMEOUT.ui });
    expect(await page.getByTestId('alarm-countdown').count()).toBe(0);
  });

  it('runs a script in the folder typed in', async () => {
    await page.getByTestId('script-shell').uncheck();
    await page.getByTestId('script-command').fill('pwd');
    await page.getByTestId('script-cwd').fill(temp);
    await page.getByTestId('run-script').click();
    const pane = page.getByTestId('output-pane');
    await pane.filter({ hasText: path.basename(temp) }).waitFor({ timeout: TIMEOUT.ui });
    await pane.filter({ hasText: 'exited with code 0' }).waitFor({ timeout: TIMEOUT.ui });
  });

  it('shows a buffered Python script as users see it: nothing, a hint, then everything at exit', async (ctx) => {
    const python = await findPython();
    if (!python.available) ctx.skip(`python3 unavailable: ${python.reason}`);
    const exe = python.available ? python.executable : '';
    await page.getByTestId('script-cwd').fill('');
    await page.getByTestId('script-unbuffered').uncheck();
    await page
      .getByTestId('script-command')
      .fill(`${exe} -c "import time; print('started'); time.sleep(5); print('done')"`);
    await page.getByTestId('run-script').click();
    const hint = page.getByTestId('script-buffer-hint');
    await hint.waitFor({ timeout: TIMEOUT.ui });
    expect(await hint.textContent()).toContain('“unbuffered output”');
    // The hint shows while the line it printed first still sits in Python's buffer.
    expect(await page.getByTestId('output-pane').textContent()).not.toContain('started');
    expect(await page.locator('.script-meta').textContent()).toContain('PYTHONUNBUFFERED cleared');
    await page.locator('.area-output').screenshot({ path: path.join(screenshots, 'script-buffered.png') });
    const pane = page.getByTestId('output-pane');
    await pane.filter({ hasText: 'exited with code 0' }).waitFor({ timeout: TIMEOUT.child });
    expect(await pane.textContent()).toMatch(/started[\s\S]*done/);
    await hint.waitFor({ state: 'detached', timeout: TIMEOUT.ui });
    await page.getByTestId('script-unbuffered').check();
  });

  it('says why a malformed session file cannot be imported, and stays live', async () => {
    const file = path.join(temp, 'broken.ipcscope.ndjson');
    await writeFile(file, '{"this is": "not a session header"}\n');
    await page.getByTestId('import-session').setInputFiles(file);
    const error = page.getByTestId('session-error');
    await error.waitFor({ timeout: TIMEOUT.ui });
    expect(await error.textContent()).toContain('Could not import broken.ipcscope.ndjson');
    expect(await page.getByTestId('imported-banner').count()).toBe(0);
  });
});

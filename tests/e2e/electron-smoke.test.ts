import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { outDir } from '../paths';
import { TIMEOUT } from '../timeouts';
import { showTab } from './app-page';

/** Set to 1 where the desktop app must be tested: a missing binary or display then fails the test. */
const REQUIRED = process.env.IPC_SCOPE_REQUIRE_ELECTRON === '1';

/** The Electron binary, if this machine has one; the package downloads it on first use, which needs GitHub. */
function electronBinary(): { path: string } | { missing: string } {
  const packageDir = path.dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing: 'the Electron binary is not installed (it downloads from GitHub on first `npm start`)',
    };
  }
  const binary = path.join(packageDir, 'dist', readFileSync(pathFile, 'utf8'));
  if (!existsSync(binary)) return { missing: `the Electron binary ${binary} is missing` };
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return {
      missing: 'there is no display; run the suite under xvfb-run (.ci/run does where Electron exists)',
    };
  }
  return { path: binary };
}

describe('the desktop app', () => {
  const found = electronBinary();

  it('opens its window, spawns 5 clients, shows their replies, exits and orders, and a signal', async (ctx) => {
    if ('missing' in found) {
      if (REQUIRED) throw new Error(`IPC_SCOPE_REQUIRE_ELECTRON=1, but ${found.missing}`);
      console.warn(`electron smoke test skipped: ${found.missing}`);
      ctx.skip(found.missing);
      return;
    }
    // A user-data folder of its own (shell/app/electron_main_delegate.cc honours --user-data-dir): an IPC
    // Scope the user has open holds the single-instance lock of theirs. As root, Chromium's sandbox cannot
    // start (the same file refuses to run), so only then, and only here, it is turned off.
    const userData = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-smoke-'));
    const asRoot = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const app = await electron.launch({
      executablePath: found.path,
      args: [path.join(outDir, 'main/index.cjs'), `--user-data-dir=${userData}`, ...asRoot],
      timeout: TIMEOUT.hostStart,
    });
    try {
      const window = await app.firstWindow({ timeout: TIMEOUT.hostStart });
      window.setDefaultTimeout(TIMEOUT.ui); // for the clicks, which wait for their element too
      await window.getByTestId('spawn-clients').click();
      await expect
        .poll(() => window.getByTestId('reply-row').count(), { timeout: TIMEOUT.clientRun })
        .toBe(5);
      // The order row appears once every client of the run has exited.
      await showTab(window, 'orders');
      await window.locator('[data-testid="order-row"] dl').first().waitFor({ timeout: TIMEOUT.clientRun });
      expect(await window.getByTestId('order-row').first().textContent()).toMatch(
        /accepted.*replied to.*exited/,
      );
      await window.getByTestId('signal-target').selectOption('app');
      await window.getByTestId('signal-name').selectOption('SIGUSR2');
      await window.getByTestId('send-signal').click();
      await window
        .getByTestId('signal-row')
        .filter({ hasText: 'SIGUSR2 (12)' })
        .first()
        .waitFor({ timeout: TIMEOUT.ui });
      expect(await window.evaluate(() => 'require' in window || 'process' in window)).toBe(false);
    } finally {
      await app.close();
      await rm(userData, { recursive: true, force: true });
    }
  });
});

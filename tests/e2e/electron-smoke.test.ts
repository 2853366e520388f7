import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron as electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { outDir } from '../paths';

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
    return { missing: 'there is no display; run the suite under xvfb-run' };
  }
  return { path: binary };
}

describe('the desktop app', () => {
  const found = electronBinary();

  it('opens its window, spawns 5 clients and shows 5 replies', async (ctx) => {
    if ('missing' in found) {
      console.warn(`electron smoke test skipped: ${found.missing}`);
      ctx.skip(found.missing);
      return;
    }
    const app = await electron.launch({
      executablePath: found.path,
      args: [path.join(outDir, 'main/index.cjs')],
    });
    try {
      const window = await app.firstWindow();
      await window.getByTestId('spawn-clients').click();
      await expect.poll(() => window.getByTestId('reply-row').count(), { timeout: 20_000 }).toBe(5);
      expect(await window.evaluate(() => 'require' in window || 'process' in window)).toBe(false);
    } finally {
      await app.close();
    }
  });
});

import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, TIMEOUT } from '../timeouts';
import { type OpenApp, openApp, screenshots, showTab, viewOf } from './app-page';

// The canvas's geometry (renderer/src/timeline/layout.ts): axis + band, rows.
const TOP = 44;
const GROUP_H = 24;
const LANE_H = 20;
const CLIENTS = 5;

/** Each run's earliest spawn as drawn, x in px, from `data-run-spawn-x` (`run:x run:x`). */
async function spawnXOf(page: Page): Promise<Map<number, number>> {
  const text = (await page.getByTestId('timeline').getAttribute('data-run-spawn-x')) ?? '';
  const pairs = text.split(' ').filter(Boolean);
  return new Map(pairs.map((pair) => pair.split(':').map(Number) as [number, number]));
}

async function runOf(page: Page, runId: number): Promise<{ start: number; end: number }> {
  const header = page.locator(`[data-testid="run-header"][data-run="${runId}"]`);
  return {
    start: Number(await header.getAttribute('data-run-start-us')),
    end: Number(await header.getAttribute('data-run-end-us')),
  };
}

describe('runs aligned at their first spawns: the timeline at 1280×800 in Chromium against npm run serve', () => {
  let page: Page;
  let app: OpenApp;

  beforeAll(async () => {
    app = await openApp(undefined, { width: 1280, height: 800 });
    ({ page } = app);
  });
  afterAll(async () => {
    expect(await app?.close()).toBe(0);
  });

  it(
    'draws two runs from the same x in ms since their first spawns, and puts them back on the lab’s clock',
    async () => {
      for (const runId of [1, 2]) {
        await page.getByTestId('spawn-clients').click();
        await showTab(page, 'orders');
        await page
          .locator(`[data-testid="order-row"][data-run="${runId}"] dl`)
          .waitFor({ timeout: TIMEOUT.clientRun });
      }
      // The headers' spans are the summary's, a moment behind the last exit.
      await expect
        .poll(async () => (await runOf(page, 2)).end > (await runOf(page, 2)).start, { timeout: TIMEOUT.ui })
        .toBe(true);
      const run1 = await runOf(page, 1);
      const run2 = await runOf(page, 2);
      // Room for both runs' lanes at once: at 1280×800 the timeline beside the panels shows about 9.
      await page.getByTestId('maximise-timeline').click();
      const timeline = page.getByTestId('timeline');
      const align = page.getByTestId('timeline-align');
      expect(await align.getAttribute('aria-pressed')).toBe('false');
      // On the lab's clock run 2 spawned later: it starts further right.
      await expect.poll(async () => (await spawnXOf(page)).size, { timeout: TIMEOUT.ui }).toBe(2);
      const lab = await spawnXOf(page);
      expect(lab.get(2)).toBeGreaterThan(lab.get(1) as number);
      const labView = await viewOf(page);

      await align.click();
      expect(await align.getAttribute('aria-pressed')).toBe('true');
      await expect.poll(() => timeline.getAttribute('data-aligned'), { timeout: TIMEOUT.ui }).toBe('true');
      const sameX = async () => {
        const xs = await spawnXOf(page);
        return xs.size === 2 && Math.abs((xs.get(1) as number) - (xs.get(2) as number)) < 0.5;
      };
      await expect.poll(sameX, { timeout: TIMEOUT.ui }).toBe(true);
      // The view is in µs since the first spawn: around 0 to the longer run's length, not the lab's seconds.
      const longest = Math.max(run1.end - run1.start, run2.end - run2.start);
      const aligned = await viewOf(page);
      expect(aligned.start).toBeLessThanOrEqual(0);
      expect(aligned.end).toBeGreaterThan(0);
      expect(aligned.end).toBeLessThan(2 * longest);

      // A lane's tooltip tells its times since its run's first spawn: run 2's first lane, under run 1's block.
      const box = await page.locator('.timeline-canvas').boundingBox();
      if (!box) throw new Error('no timeline canvas');
      const scroll = Number(await timeline.getAttribute('data-scroll-y'));
      const laneY = TOP + GROUP_H + CLIENTS * LANE_H + GROUP_H + LANE_H / 2 - scroll;
      await page.mouse.move(box.x + 60, box.y + laneY);
      const tooltip = page.getByTestId('timeline-tooltip');
      await tooltip.waitFor({ timeout: TIMEOUT.ui });
      expect(await tooltip.textContent()).toMatch(/Run 2.*started\+\d+\.\d{3} ms.*accepted\+\d+\.\d{3} ms/);
      await page.locator('.area-timeline').screenshot({ path: path.join(screenshots, 'align-runs.png') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page
        .locator('.area-timeline')
        .screenshot({ path: path.join(screenshots, 'align-runs-dark.png') });
      await page.emulateMedia({ colorScheme: 'light' });
      await page.mouse.move(box.x + 5, box.y - 30);

      // The keys move the aligned view: W zooms in, Home puts the first spawn 2% in, End follows again.
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      await page.keyboard.press('w');
      await expect
        .poll(
          async () => {
            const view = await viewOf(page);
            return view.end - view.start;
          },
          { timeout: TIMEOUT.ui },
        )
        .toBeLessThan((aligned.end - aligned.start) * 0.8);
      const zoomed = await viewOf(page);
      await page.keyboard.press('d');
      await page.keyboard.press('Home');
      await expect
        .poll(async () => Math.abs((await viewOf(page)).start + 0.02 * (zoomed.end - zoomed.start)), {
          timeout: TIMEOUT.ui,
        })
        .toBeLessThan(0.005 * (zoomed.end - zoomed.start));
      await page.keyboard.press('End');
      await expect.poll(async () => (await viewOf(page)).following, { timeout: TIMEOUT.ui }).toBe('true');
      await expect.poll(sameX, { timeout: TIMEOUT.ui }).toBe(true);

      // Off again, by keyboard: the lab's clock, following it to the newest events as before.
      await align.focus();
      await page.keyboard.press('Space');
      expect(await align.getAttribute('aria-pressed')).toBe('false');
      await expect.poll(() => timeline.getAttribute('data-aligned'), { timeout: TIMEOUT.ui }).toBeNull();
      const back = await viewOf(page);
      expect(back.end).toBeGreaterThanOrEqual(run2.end);
      expect(back.end - back.start).toBeCloseTo(labView.end - labView.start, -3);
      const restored = await spawnXOf(page);
      expect(restored.get(2)).toBeGreaterThan(restored.get(1) as number);
      await page.keyboard.press('0'); // the whole session, for the picture: both runs at their lab times
      await expect
        .poll(async () => (await viewOf(page)).start <= run1.start, { timeout: TIMEOUT.ui })
        .toBe(true);
      await page.locator('.area-timeline').screenshot({ path: path.join(screenshots, 'align-runs-off.png') });
      await page.getByTestId('maximise-timeline').click();
    },
    TEST_TIMEOUT.heavy, // two runs of clients, each up to TIMEOUT.clientRun
  );
});

import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_TIMEOUT, TIMEOUT } from '../timeouts';
import { type OpenApp, openApp, screenshots, showTab, viewOf } from './app-page';

interface Range {
  start: number;
  end: number;
}

async function runOf(page: Page, runId: number): Promise<Range> {
  const header = page.locator(`[data-testid="run-header"][data-run="${runId}"]`);
  return {
    start: Number(await header.getAttribute('data-run-start-us')),
    end: Number(await header.getAttribute('data-run-end-us')),
  };
}

/** How much of the view's width the run covers, when the view holds all of it; 0 when it does not. */
function share(run: Range, view: Range): number {
  if (view.start > run.start || view.end < run.end) return 0;
  return (run.end - run.start) / (view.end - view.start);
}

/** The smallest window the workspace is made for, in light, and a large one in dark. */
const WINDOWS = [
  { width: 1280, height: 800, scheme: 'light', suffix: '' },
  { width: 1920, height: 1080, scheme: 'dark', suffix: '-1920-dark' },
] as const;

describe.each(WINDOWS)(
  'the race, framed: the timeline at $width×$height, $scheme, in Chromium against npm run serve',
  ({ width, height, scheme, suffix }) => {
    let page: Page;
    let app: OpenApp;
    const shot = (name: string) => path.join(screenshots, `${name}${suffix}.png`);

    beforeAll(async () => {
      app = await openApp(undefined, { width, height });
      ({ page } = app);
      await page.emulateMedia({ colorScheme: scheme });
    });
    afterAll(async () => {
      expect(await app?.close()).toBe(0);
    });

    /** Spawns 5 clients and waits until every one of run `runId` has exited. */
    async function race(runId: number) {
      await page.getByTestId('spawn-clients').click();
      await showTab(page, 'orders');
      await page
        .locator(`[data-testid="order-row"][data-run="${runId}"] dl`)
        .waitFor({ timeout: TIMEOUT.clientRun });
    }

    /** Runs 1 to `count` have ended: the missing ones are raced, so that each test can also run alone (`-t`). */
    async function ranRuns(count: number) {
      for (let runId = 1; runId <= count; runId++) {
        const header = page.locator(`[data-testid="run-header"][data-run="${runId}"]`);
        if ((await header.count()) === 0) await race(runId);
      }
    }

    it('frames a run started while following: once it ends it fills at least 40% of the width', async () => {
      // The session began as the lab started, seconds before this click: fitting all of it would make the
      // race a sliver of a few percent.
      expect((await viewOf(page)).following).toBe('true');
      const canvas = page.locator('.timeline-canvas');
      const before = await canvas.boundingBox();
      await race(1);
      // The run's header row was there, empty, before it: the first run must not push the timeline down.
      await page.locator('[data-testid="run-header"][data-run="1"]').waitFor({ timeout: TIMEOUT.ui });
      expect(await canvas.boundingBox()).toEqual(before);
      // The header's span and the view settle a frame or a summary after the last exit.
      await expect
        .poll(async () => share(await runOf(page, 1), await viewOf(page)), { timeout: TIMEOUT.ui })
        .toBeGreaterThanOrEqual(0.4);
      expect((await viewOf(page)).following).toBe('true');
      await page.locator('.area-timeline').screenshot({ path: shot('timeline-framed-run') });
    });

    it('frames an earlier run when its header is clicked, and fits the session again with 0', async () => {
      await ranRuns(1);
      await race(2);
      await page.locator('[data-testid="run-header"][data-run="1"]').click();
      const run1 = await runOf(page, 1);
      await expect
        .poll(async () => share(run1, await viewOf(page)), { timeout: TIMEOUT.ui })
        .toBeGreaterThanOrEqual(0.4);
      expect((await viewOf(page)).following).toBe('false');

      await page.keyboard.press('0');
      const run2 = await runOf(page, 2);
      await expect
        .poll(
          async () => {
            const view = await viewOf(page);
            return view.start <= run1.start && view.end >= run2.end;
          },
          { timeout: TIMEOUT.ui },
        )
        .toBe(true);
    });

    it('moves the timeline with W, A, S and D, goes to the start with Home and follows again with End', async () => {
      await ranRuns(1);
      await page.locator('body').click({ position: { x: 5, y: 5 } });
      const width = async () => {
        const view = await viewOf(page);
        return view.end - view.start;
      };
      const fitted = await width();
      await page.keyboard.press('w');
      await expect.poll(width, { timeout: TIMEOUT.ui }).toBeLessThan(fitted * 0.8);
      const zoomed = await viewOf(page);
      expect(zoomed.following).toBe('false');
      await page.keyboard.press('d');
      await expect
        .poll(async () => (await viewOf(page)).start, { timeout: TIMEOUT.ui })
        .toBeGreaterThan(zoomed.start);
      await page.keyboard.press('a');
      await page.keyboard.press('a');
      await expect
        .poll(async () => (await viewOf(page)).start, { timeout: TIMEOUT.ui })
        .toBeLessThan(zoomed.start);
      await page.keyboard.press('s');
      await expect.poll(width, { timeout: TIMEOUT.ui }).toBeGreaterThan((zoomed.end - zoomed.start) * 1.2);
      // Home: the first event at the left edge (2% in), at the same zoom. The zoomed-out view may already
      // reach back past the first event, so what is waited for is the edge, not merely an earlier start.
      const before = await width();
      const first = Number(await page.getByTestId('overview').getAttribute('data-session-start-us'));
      await page.keyboard.press('Home');
      await expect
        .poll(async () => Math.abs((await viewOf(page)).start - (first - 0.02 * before)), {
          timeout: TIMEOUT.ui,
        })
        .toBeLessThan(0.005 * before);
      expect(await width()).toBeCloseTo(before, -2);
      await page.keyboard.press('End');
      await expect.poll(async () => (await viewOf(page)).following, { timeout: TIMEOUT.ui }).toBe('true');
    });

    it('picks a range by dragging across the overview, and pans by dragging its brush', async () => {
      await ranRuns(1);
      const strip = page.getByTestId('overview');
      const readSession = async () => ({
        start: Number(await strip.getAttribute('data-session-start-us')),
        end: Number(await strip.getAttribute('data-session-end-us')),
      });
      // A drag maps x by the session the strip shows: wait until late events of the run (its last exits)
      // have stopped moving its end, which the strip recounts at most every 250 ms.
      let session: { start: number; end: number } | null = null;
      await expect
        .poll(
          async () => {
            const last = session;
            session = await readSession();
            return last !== null && session.start === last.start && session.end === last.end;
          },
          { timeout: TIMEOUT.ui, interval: 600 },
        )
        .toBe(true);
      const { start, end } = session ?? { start: Number.NaN, end: Number.NaN };
      const timeAt = (share: number) => start + share * (end - start);
      const near = (value: number, expected: number) => Math.abs(value - expected) <= 0.02 * (end - start);
      // Measured again before each drag: the toolbar above may wrap differently once following stops.
      const drag = async (from: number, to: number) => {
        const box = await strip.boundingBox();
        if (!box) throw new Error('no overview');
        await page.mouse.move(box.x + box.width * from, box.y + box.height / 2);
        await page.mouse.down();
        await page.mouse.move(box.x + box.width * to, box.y + box.height / 2, { steps: 6 });
        await page.mouse.up();
      };
      await drag(0.2, 0.4);
      await expect
        .poll(
          async () => {
            const view = await viewOf(page);
            return near(view.start, timeAt(0.2)) && near(view.end, timeAt(0.4));
          },
          { timeout: TIMEOUT.ui },
        )
        .toBe(true);
      expect((await viewOf(page)).following).toBe('false');
      // The brush now covers 20–40%: dragged from its middle by a quarter, the view moves by a quarter.
      await drag(0.3, 0.55);
      await expect
        .poll(
          async () => {
            const view = await viewOf(page);
            return near(view.start, timeAt(0.45)) && near(view.end, timeAt(0.65));
          },
          { timeout: TIMEOUT.ui },
        )
        .toBe(true);
      await page.locator('.timeline-section').screenshot({ path: shot('timeline-overview') });
      await page.keyboard.press('End');
    });

    /** Halfway through a replay: paused, Step shows exactly one more event; then it plays on. */
    async function pauseAndStep() {
      const play = page.getByTestId('replay-play');
      expect(await play.textContent()).toBe('Pause');
      await play.click();
      const position = page.getByTestId('replay-position');
      const at = Number(await position.getAttribute('data-at'));
      await page.getByTestId('replay-step').click();
      await expect
        .poll(async () => Number(await position.getAttribute('data-at')), { timeout: TIMEOUT.ui })
        .toBe(at + 1);
      await play.click();
    }

    it(
      'replays run 1 at 1/100: the replies come one at a time, in the order they came live',
      async () => {
        await ranRuns(1);
        const accepted = page.locator('[data-testid="order-row"][data-run="1"] dd').first();
        const liveOrder = await accepted.getAttribute('title');
        await page.getByTestId('replay-from').selectOption('1');
        await page.getByTestId('replay-speed').selectOption('100');
        await page.getByTestId('replay-play').click();
        await page.getByTestId('replay-banner').waitFor({ timeout: TIMEOUT.ui });
        expect(await page.getByTestId('spawn-clients').isDisabled()).toBe(true);

        // Watch the reply log fill: slowed a hundredfold, the race takes seconds, and each reply lands alone.
        await showTab(page, 'log');
        const seen: number[] = [];
        const rows = page.locator('[data-testid="reply-row"][data-kind="process"]');
        let stepped = false;
        // At 1/100 the run takes a hundred times as long as it did live (slower on a loaded machine), and more.
        const live = await runOf(page, 1);
        const deadline = Date.now() + ((live.end - live.start) / 1_000) * 100 + TIMEOUT.clientRun;
        while (seen.at(-1) !== 5 && Date.now() < deadline) {
          const count = await rows.count();
          if (count !== seen.at(-1)) seen.push(count);
          if (!stepped && count >= 2) {
            await pauseAndStep();
            stepped = true;
          }
          await page.waitForTimeout(25); // a sampling interval: what is asserted is the sequence seen
        }
        expect(seen.at(-1)).toBe(5);
        expect(seen).toEqual([...seen].sort((a, b) => a - b));
        expect(seen.filter((count) => count > 0 && count < 5).length).toBeGreaterThanOrEqual(3);
        await showTab(page, 'orders');
        await page
          .locator('[data-testid="order-row"][data-run="1"] dl')
          .waitFor({ timeout: TIMEOUT.clientRun });
        expect(await accepted.getAttribute('title')).toBe(liveOrder);
        await page.locator('.area-timeline').screenshot({ path: shot('replay') });

        expect(stepped, 'Step was tried halfway through the race').toBe(true);
        await page.getByTestId('replay-back-to-live').click();
        await page.getByTestId('replay-banner').waitFor({ state: 'detached', timeout: TIMEOUT.ui });
        await expect
          .poll(() => page.getByTestId('spawn-clients').isDisabled(), { timeout: TIMEOUT.ui })
          .toBe(false);
      },
      TEST_TIMEOUT.slowest,
    ); // its wait follows the run's length, a hundredfold
  },
);

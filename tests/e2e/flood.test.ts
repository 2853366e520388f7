// An echo flood, watched in Chromium against npm run serve: the page renders its lists a few times a second,
// not once a frame, and still ends on the last count.
import net from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEOUT, waitFor } from '../timeouts';
import { type OpenApp, openApp, showTab } from './app-page';

/** Long enough for the page's burst of 30 immediate renders to be spent, even at 10 frames a second. */
const FLOOD_MS = 4_000;
const MAX_ROUND_TRIPS = 20_000;
const AT_ONCE = 16;
/** The paced view (renderer/src/store/paced-view.ts): a burst of renders at once, then this many a second. */
const BURST = 30;
const PER_SECOND = 10;

function roundTrip(port: number, message: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => socket.write(message));
    socket.setTimeout(TIMEOUT.io, () => socket.destroy(new Error('no reply')));
    socket.once('data', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

/** Round trips from AT_ONCE clients until FLOOD_MS have passed; how many were answered. */
async function flood(port: number): Promise<number> {
  const until = performance.now() + FLOOD_MS;
  let started = 0;
  const client = async () => {
    while (performance.now() < until && started < MAX_ROUND_TRIPS) {
      started += 1;
      await roundTrip(port, `flood-${started}`);
    }
  };
  await Promise.all(Array.from({ length: AT_ONCE }, client));
  return started;
}

/** The reply log's own count, "3,001 rows, newest first", as a number. */
async function rowCount(page: Page): Promise<number> {
  const text = (await page.locator('.log-count').textContent()) ?? '';
  return Number(/^([\d,]+) rows/.exec(text)?.[1]?.replaceAll(',', '') ?? Number.NaN);
}

describe('an echo flood in the page', () => {
  let app: OpenApp;

  beforeAll(async () => {
    app = await openApp();
  });

  afterAll(async () => {
    expect(await app?.close()).toBe(0);
  });

  it('renders the reply log in a burst and then at most ten times a second, and ends on the last count', async () => {
    const { page, serve } = app;
    await showTab(page, 'log');
    await roundTrip(serve.echoPort, 'first');
    await expect.poll(() => rowCount(page), { timeout: TIMEOUT.ui }).toBe(1); // the first round trip's row
    const watchedFrom = await page.evaluate(() => {
      const log = document.querySelector('.log-count') as Element;
      const renders: number[] = [];
      (globalThis as unknown as { floodRenders: number[] }).floodRenders = renders;
      new MutationObserver(() => renders.push(performance.now())).observe(log, {
        characterData: true,
        childList: true,
        subtree: true,
      });
      return performance.now();
    });
    const answered = await flood(serve.echoPort);
    await waitFor(
      async () => (await rowCount(page)) === answered + 1,
      `the reply log to count all ${answered + 1} rows`,
      TIMEOUT.ui,
    );
    const renders = await page.evaluate(
      () => (globalThis as unknown as { floodRenders: number[] }).floodRenders,
    );
    expect(renders.length).toBeGreaterThan(1);
    // A burst at once, then ten a second: by any render, no more than that many since the watch began.
    for (const [i, at] of renders.entries()) {
      const allowed = BURST + 1 + (PER_SECOND * (at - watchedFrom)) / 1_000;
      expect(i + 1, `render ${i + 1}, ${Math.round(at - watchedFrom)} ms into the flood`).toBeLessThanOrEqual(
        allowed,
      );
    }
  });
});

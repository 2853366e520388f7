import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEOUT, waitFor } from '../timeouts';
import { type OpenApp, openApp, screenshots, showTab } from './app-page';

const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

interface Overflow {
  page: { scrollWidth: number; scrollHeight: number; innerWidth: number; innerHeight: number };
  /** Visible elements whose box reaches past the window's edges. */
  outside: string[];
}

/** What of the page lies past the window: the page's own scroll size, and any element drawn outside it. */
function overflowOf(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const outside: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.right > innerWidth + 0.5 || box.bottom > innerHeight + 0.5) {
        // What a scrolling box clips is inside the window; only what is drawn past it counts.
        let clipped = false;
        for (let up = element.parentElement; up && !clipped; up = up.parentElement) {
          const { overflowX, overflowY } = getComputedStyle(up);
          clipped = [overflowX, overflowY].some((value) => value !== 'visible');
        }
        if (!clipped) outside.push(`${element.tagName.toLowerCase()}.${element.className}`);
      }
    }
    const root = document.documentElement;
    return {
      page: { scrollWidth: root.scrollWidth, scrollHeight: root.scrollHeight, innerWidth, innerHeight },
      outside,
    };
  });
}

/**
 * Whether the timeline's column holds what it draws (or else scrolls), the height its canvas keeps, and
 * whether the logs' tab bar is what sits under its own middle (nothing drawn over it).
 */
function partsApart(page: Page): Promise<{ timelineFits: boolean; canvas: number; onTabBar: string }> {
  return page.evaluate(() => {
    const timeline = document.querySelector('.area-timeline') as HTMLElement;
    const tab = document.querySelector('[data-testid="tab-log"]') as HTMLElement;
    const box = tab.getBoundingClientRect();
    const under = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
    return {
      timelineFits: timeline.scrollHeight <= timeline.clientHeight + 1,
      canvas: (document.querySelector('.timeline-canvas') as HTMLElement).getBoundingClientRect().height,
      onTabBar: under?.closest('[role="tab"]') ? 'tab' : `${under?.tagName}.${under?.className}`,
    };
  });
}

function expectNoOverflow(overflow: Overflow) {
  expect(overflow.page.scrollWidth).toBeLessThanOrEqual(overflow.page.innerWidth);
  expect(overflow.page.scrollHeight).toBeLessThanOrEqual(overflow.page.innerHeight);
  expect(overflow.outside).toEqual([]);
}

const widthOf = async (locator: Locator) => (await locator.boundingBox())?.width ?? 0;
const heightOf = async (locator: Locator) => (await locator.boundingBox())?.height ?? 0;
const sizeOf = async (splitter: Locator) => Number(await splitter.getAttribute('aria-valuenow'));

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
}

/** axe-core's serious and critical findings on the page as it is, one line each. */
async function axeFindings(page: Page): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  // Evaluated through the debugging protocol, which the page's CSP does not govern (a <script> would be refused).
  await page.evaluate(source);
  const result = (await page.evaluate('axe.run(document, { resultTypes: ["violations"] })')) as AxeResult;
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} at ${violation.nodes
          .slice(0, 3)
          .map((node) => JSON.stringify(node.target))
          .join(', ')}`,
    );
}

describe('the workspace in Chromium, against npm run serve', () => {
  let app: OpenApp;
  let page: Page;
  const sideSplitter = () => page.getByRole('separator', { name: 'Resize the side bar' });
  const logSplitter = () => page.getByRole('separator', { name: 'Resize the logs' });

  beforeAll(async () => {
    app = await openApp(undefined, SIZES[0]);
    ({ page } = app);
    // Something in every part: a run, its orders, a signal and a script's output.
    await page.getByTestId('toolbar-spawn').click();
    await showTab(page, 'orders');
    await page.locator('[data-testid="order-row"] dl').first().waitFor({ timeout: TIMEOUT.clientRun });
    await page.getByTestId('send-signal').click();
    await page.getByTestId('signal-row').first().waitFor({ timeout: TIMEOUT.ui });
    await page.getByTestId('script-command').fill('echo hello from a script');
    await page.getByTestId('run-script').click();
    await page
      .getByTestId('output-pane')
      .filter({ hasText: 'exited with code 0' })
      .waitFor({ timeout: TIMEOUT.ui });
    await showTab(page, 'log');
  });
  afterAll(async () => {
    expect(await app?.close()).toBe(0);
  });

  it('fits the window with no page scroll at 1280×800 and 1920×1080, light and dark', async () => {
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        expectNoOverflow(await overflowOf(page));
        expect(await partsApart(page)).toMatchObject({ timelineFits: true, onTabBar: 'tab' });
        await page.screenshot({ path: path.join(screenshots, `workspace-${size.width}-${scheme}.png`) });
      }
    }
    await page.emulateMedia({ colorScheme: null });
    await page.setViewportSize(SIZES[0]);
  });

  it('gives the timeline the height the logs leave it, and the side bar its own scroll', async () => {
    const canvas = page.locator('.timeline-canvas');
    const before = await heightOf(canvas);
    await page.setViewportSize({ width: 1280, height: 1000 });
    await waitFor(
      async () => (await heightOf(canvas)) >= before + 150,
      () => `the timeline to grow with the window from ${before} px`,
      TIMEOUT.ui,
    );
    await page.setViewportSize(SIZES[0]);
    const sections = page.locator('.side-sections');
    const scroll = await sections.evaluate((element) => [element.scrollHeight, element.clientHeight]);
    expect(scroll[0]).toBeGreaterThan(scroll[1] ?? 0); // it holds more than fits, and scrolls on its own
  });

  it('has no serious or critical accessibility findings (axe-core), light and dark', async () => {
    for (const scheme of SCHEMES) {
      await page.emulateMedia({ colorScheme: scheme });
      for (const tab of ['log', 'output', 'signals', 'orders', 'sequence'] as const) {
        await showTab(page, tab);
        expect(await axeFindings(page), `${scheme}, ${tab} tab`).toEqual([]);
      }
    }
    await page.emulateMedia({ colorScheme: null });
    await showTab(page, 'log');
  });

  it('holds a hidden tab still while the lab runs, and brings it up to date when it is shown', async () => {
    await showTab(page, 'log');
    const runId = (await page.getByTestId('run-header').count()) + 1;
    const rowsOf = async () => Number.parseInt((await page.locator('.log-count').textContent()) ?? '', 10);
    const rows = await rowsOf();
    await page.getByTestId('toolbar-spawn').click();
    // Newest first: the run's five rows are the first five, each answered.
    const answered = page.locator('[data-testid="reply-row"][data-latency-us]');
    await waitFor(
      async () =>
        (await rowsOf()) === rows + 5 &&
        (await answered.evaluateAll(
          (found) => found.filter((row) => Number(row.ariaPosInSet) <= 5).length,
        )) === 5,
      "the run's five replies",
      TIMEOUT.clientRun,
    );
    // The Orders tab rendered nothing of the run while hidden: each event would be a render nobody sees.
    const ordersOfRun = `[data-testid="order-row"][data-run="${runId}"]`;
    expect(await page.locator(`#tabpanel-orders ${ordersOfRun}`).count()).toBe(0);
    await showTab(page, 'orders');
    await page.locator(`${ordersOfRun} dl`).waitFor({ timeout: TIMEOUT.ui });
    await showTab(page, 'log');
  });

  it('resizes the side bar and the logs from the keyboard and by drag, within bounds', async () => {
    const side = page.getByTestId('side-bar');
    const logs = page.locator('#bottom-panel');
    const splitter = sideSplitter();
    const width = await sizeOf(splitter);
    expect(Math.abs((await widthOf(side)) - width)).toBeLessThanOrEqual(1);
    await splitter.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowRight');
    expect(await sizeOf(splitter)).toBe(width + 16 + 64);
    expect(Math.abs((await widthOf(side)) - (width + 80))).toBeLessThanOrEqual(1);
    await page.keyboard.press('Home');
    expect(await sizeOf(splitter)).toBe(Number(await splitter.getAttribute('aria-valuemin')));
    await page.keyboard.press('End');
    expect(await sizeOf(splitter)).toBe(Number(await splitter.getAttribute('aria-valuemax')));

    // Dragging the bar between the timeline and the logs up by 60 px makes the logs 60 px taller.
    const bar = logSplitter();
    const height = await sizeOf(bar);
    const box = await bar.boundingBox();
    if (!box) throw new Error('the splitter has no box');
    await page.mouse.move(box.x + box.width / 2, box.y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y - 60, { steps: 5 });
    await page.mouse.up();
    expect(await sizeOf(bar)).toBe(height + 60);
    expect(Math.abs((await heightOf(logs)) - (height + 60))).toBeLessThanOrEqual(1);
    expectNoOverflow(await overflowOf(page));

    // At their bounds, in the desktop window's smallest size too, the parts stay apart.
    for (const size of [SIZES[0], { width: 900, height: 600 }]) {
      await page.setViewportSize(size);
      for (const key of ['End', 'Home']) {
        await bar.focus();
        await page.keyboard.press(key);
        const parts = await partsApart(page);
        expect(parts.onTabBar, `${size.width}×${size.height}, logs at ${key}`).toBe('tab');
        expect(parts.canvas).toBeGreaterThanOrEqual(100);
        expectNoOverflow(await overflowOf(page));
      }
    }
    await page.setViewportSize(SIZES[0]);
  });

  it('remembers the layout across a reload, and Reset layout forgets it', async () => {
    // Sizes of its own, whatever the tests before left.
    await sideSplitter().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await logSplitter().focus();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowUp');
    const width = await sizeOf(sideSplitter());
    const height = await sizeOf(logSplitter());
    expect([width, height]).toEqual([280 + 16, 120 + 16]);
    await showTab(page, 'orders');
    await page.getByRole('button', { name: 'Alarm', exact: true }).click(); // folds the section
    await page.reload();
    await page.getByTestId('pid').waitFor({ timeout: TIMEOUT.ui });
    expect(await sizeOf(sideSplitter())).toBe(width);
    expect(await sizeOf(logSplitter())).toBe(height);
    expect(await page.getByTestId('tab-orders').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByRole('button', { name: 'Alarm', exact: true }).getAttribute('aria-expanded')).toBe(
      'false',
    );
    await page.getByTestId('maximise-timeline').click();
    expect(await page.getByTestId('alarm-seconds').isVisible()).toBe(false);

    // A maximised part is not kept: the app never starts with its controls out of sight.
    await page.reload();
    await page.getByTestId('pid').waitFor({ timeout: TIMEOUT.ui });
    expect(await page.getByTestId('side-bar').isVisible()).toBe(true);
    await page.getByTestId('layout-reset').click();
    expect(await sizeOf(sideSplitter())).toBe(380);
    expect(await sizeOf(logSplitter())).toBe(280);
    expect(await page.getByTestId('tab-log').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('alarm-seconds').isVisible()).toBe(true);
    await page.reload();
    await page.getByTestId('pid').waitFor({ timeout: TIMEOUT.ui });
    expect(await sizeOf(sideSplitter())).toBe(380);
  });

  it('maximises the timeline and the logs, and restores them', async () => {
    const canvas = page.locator('.timeline-canvas');
    const before = await heightOf(canvas);
    await page.getByTestId('maximise-timeline').click();
    expect(await page.locator('#bottom-panel').isVisible()).toBe(false);
    expect(await page.getByTestId('side-bar').isVisible()).toBe(false);
    await waitFor(
      async () => (await heightOf(canvas)) > before + 200,
      'the timeline to fill the window',
      TIMEOUT.ui,
    );
    await page.screenshot({ path: path.join(screenshots, 'workspace-timeline-maximised.png') });
    await page.getByTestId('maximise-timeline').click();
    expect(await page.locator('#bottom-panel').isVisible()).toBe(true);

    await page.getByTestId('maximise-bottom').click();
    expect(await canvas.isVisible()).toBe(false);
    expect(await heightOf(page.locator('#bottom-panel'))).toBeGreaterThan(600);
    await page.getByTestId('maximise-bottom').click();
    expect(await canvas.isVisible()).toBe(true);
  });

  it('reaches every part by keyboard: the sections, the splitters, the timeline and each tab', async () => {
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    const reached = new Set<string>();
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => {
        const element = document.activeElement;
        if (!element) return '';
        return (
          element.getAttribute('aria-label') ??
          (element.getAttribute('role') === 'tab' ? `tab ${element.textContent}` : element.id)
        );
      });
      reached.add(name);
    }
    for (const part of ['Resize the side bar', 'Resize the logs', 'tab Reply log'])
      expect(reached).toContain(part);
    expect([...reached].some((name) => name.startsWith('Connection timeline'))).toBe(true);
    for (const section of ['clients', 'composer', 'echo', 'signals', 'alarm', 'script', 'trace']) {
      expect(reached).toContain(`side-${section}-title`);
    }
    // The tab list is one stop: the arrows move between its tabs.
    await page.getByTestId('tab-log').focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByTestId('tab-output').getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-tab'))).toBe('output');
  });

  it('folds the side bar to a rail of icons in a small window, with nothing overflowing', async () => {
    await page.setViewportSize({ width: 900, height: 700 });
    const signals = page.getByRole('button', { name: 'Signals', exact: true });
    await signals.waitFor({ timeout: TIMEOUT.ui });
    expect(await page.getByTestId('send-signal').isVisible()).toBe(false);
    expectNoOverflow(await overflowOf(page));
    await signals.click();
    await page.getByTestId('send-signal').waitFor({ timeout: TIMEOUT.ui });
    expectNoOverflow(await overflowOf(page));
    expect(await axeFindings(page), 'the Signals section open from the rail').toEqual([]);
    await page.screenshot({ path: path.join(screenshots, 'workspace-narrow.png') });
    // Escape closes it and gives the focus back to its icon.
    await page.getByTestId('send-signal').focus();
    await page.keyboard.press('Escape');
    await page.getByTestId('send-signal').waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Signals');
    // A press on the timeline closes it too.
    await signals.click();
    await page.getByTestId('send-signal').waitFor({ timeout: TIMEOUT.ui });
    const canvas = page.locator('.timeline-canvas');
    const width = (await canvas.boundingBox())?.width ?? 0;
    await canvas.click({ position: { x: width - 10, y: 10 } }); // right of the open section
    await page.getByTestId('send-signal').waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
    await page.setViewportSize(SIZES[0]);
  });
});

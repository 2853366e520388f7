import { readFileSync } from 'node:fs';
import net, { type Socket } from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEOUT, waitFor } from '../timeouts';
import { type OpenApp, openApp, screenshots, showTab } from './app-page';
import type { ServeProcess } from './serve-process';

const linux = process.platform === 'linux';

/** The matrix as drawn: one row per client, one count per place. */
function matrixCells(page: Page): Promise<number[][]> {
  return page
    .getByTestId('order-matrix')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) =>
        [...row.querySelectorAll('td[data-count]')].map((cell) => Number(cell.getAttribute('data-count'))),
      ),
    );
}

/** What the matrix must say, worked out from each run's accepted order as its row lists it ("1.3" is client 3). */
async function matrixFromOrders(page: Page, clients: number): Promise<number[][]> {
  const orders = await page
    .locator('[data-testid="order-row"] dd[title^="accepted:"]')
    .evaluateAll((cells): string[] => cells.map((cell) => cell.getAttribute('title') ?? ''));
  const counts = Array.from({ length: clients }, () => Array<number>(clients).fill(0));
  for (const order of orders) {
    const ids = order.replace('accepted: ', '').split(', ');
    ids.forEach((id, place) => {
      const client = Number(id.split('.')[1]);
      const row = counts[client - 1];
      if (row) row[place] = (row[place] ?? 0) + 1;
    });
  }
  return counts;
}

function connect(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: '127.0.0.1', port }, () => resolve(socket));
    socket.once('error', reject);
  });
}

describe('the panels in Chromium, against npm run serve', () => {
  let serve: ServeProcess;
  let page: Page;
  let app: OpenApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    app = await openApp();
    ({ serve, page } = app);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    expect(await app?.close()).toBe(0);
  });

  it('spawns 5 clients in three runs: 3 order rows, and a matrix that counts each client at each place', async () => {
    await showTab(page, 'orders');
    for (const runId of [1, 2, 3]) {
      await page.getByTestId('spawn-clients').click();
      // The orders show once every client of the run has exited.
      await page
        .locator(`[data-testid="order-row"][data-run="${runId}"] dl`)
        .waitFor({ timeout: TIMEOUT.clientRun });
    }
    expect(await page.getByTestId('order-row').count()).toBe(3);
    const expected = await matrixFromOrders(page, 5);
    expect(expected.flat().reduce((sum, n) => sum + n, 0)).toBe(15);
    await expect.poll(() => matrixCells(page), { timeout: TIMEOUT.ui }).toEqual(expected);
    for (const row of await page.getByTestId('order-row').allTextContents()) {
      expect(row).toMatch(/accepted.*replied to.*exited/);
    }
    // The runs aligned at their first spawn: each starts at 0 ms, and each client's line ends at its exit.
    const timing = page.getByTestId('run-timing');
    expect(await timing.getAttribute('data-runs')).toBe('3');
    for (const run of await timing.getByTestId('run-timing-run').all()) {
      const spans = await run
        .getByTestId('run-timing-client')
        .evaluateAll((bars) => bars.map((bar) => [Number(bar.dataset.spawnMs), Number(bar.dataset.exitMs)]));
      expect(spans).toHaveLength(5);
      expect(Math.min(...spans.map(([spawn]) => spawn ?? Number.NaN))).toBe(0);
      for (const [spawn = Number.NaN, exit = Number.NaN] of spans) expect(exit).toBeGreaterThan(spawn);
    }
  });

  it('shows latency and exit status in the reply rows, and keeps the printed line', async () => {
    await showTab(page, 'log');
    const rows = page.getByTestId('reply-row');
    await expect.poll(() => rows.count(), { timeout: TIMEOUT.ui }).toBeGreaterThan(3);
    const first = rows.first();
    await expect.poll(() => first.textContent(), { timeout: TIMEOUT.ui }).toMatch(/exited with code 0/);
    const text = (await first.textContent()) ?? '';
    expect(text).toMatch(/latency \d+(\.\d+)? (µs|ms)/);
    expect(text).toMatch(/client got: \[b"server got: \[b'client:process=\d+'\]"\]/);
    expect(Number(await first.getAttribute('data-latency-us'))).toBeGreaterThan(0);
  });

  it('gives an external client a row with its peer address and, on Linux, its pid and command', async () => {
    await showTab(page, 'log');
    const socket = await connect(serve.echoPort);
    sockets.push(socket);
    const reply = new Promise<string>((resolve) => socket.once('data', (data) => resolve(data.toString())));
    socket.write('hello');
    expect(await reply).toBe("server got: [b'hello']");
    const peer = `127.0.0.1:${socket.localPort}`;
    await page.getByTestId('log-search').fill(peer);
    const row = page.getByTestId('reply-row').filter({ hasText: peer });
    await row.waitFor({ timeout: TIMEOUT.ui });
    expect(await row.textContent()).toContain("server got: [b'hello']");
    if (linux) {
      const command = readFileSync('/proc/self/comm', 'utf8').trim();
      await row.filter({ hasText: `pid ${process.pid} (${command})` }).waitFor({ timeout: TIMEOUT.ui });
    }
    await page.screenshot({ path: path.join(screenshots, 'panels-external-client.png'), fullPage: true });
    await page.getByTestId('log-search').fill('');
  });

  it('filters the reply log by kind and by failure', async () => {
    await showTab(page, 'log');
    const rows = page.getByTestId('reply-row');
    const kinds = () =>
      rows.evaluateAll((list) => [...new Set(list.map((row) => row.getAttribute('data-kind')))]);
    // A client that resets its connection has failed. It waits for its reply first: reset while still in
    // the kernel's accept queue, it may never reach the server at all.
    const socket = await connect(serve.echoPort);
    const peer = `127.0.0.1:${socket.localPort}`;
    const replied = new Promise((resolve) => socket.once('data', resolve));
    socket.write('about to reset');
    await replied;
    socket.resetAndDestroy();

    // The log shows the rows in view; narrowed to external connections, both fit.
    await page.getByTestId('log-mode').selectOption('external');
    await rows.filter({ hasText: peer }).waitFor({ timeout: TIMEOUT.ui });
    expect(await kinds()).toEqual(['external']);
    expect(await rows.count()).toBe(2); // the client that said hello, and this one
    await page.getByTestId('log-failed').check();
    await expect
      .poll(() => rows.allTextContents(), { timeout: TIMEOUT.ui })
      .toEqual([expect.stringContaining(peer)]);
    await page.getByTestId('log-failed').uncheck();
    await page.getByTestId('log-mode').selectOption('process');
    await expect.poll(kinds, { timeout: TIMEOUT.ui }).toEqual(['process']);
    expect(await rows.filter({ hasText: peer }).count()).toBe(0);
    await page.getByTestId('log-mode').selectOption('all');
  });

  it('asks before sending SIGKILL to a target, and sends only once confirmed', async () => {
    await page.getByTestId('signal-name').selectOption('SIGUSR1');
    await page.getByTestId('spawn-target').click();
    const target = page.getByTestId('target-row').first();
    await target.filter({ hasText: 'waiting' }).waitFor({ timeout: TIMEOUT.ui });
    const pid = /pid (\d+)/.exec((await target.textContent()) ?? '')?.[1];
    await page.getByTestId('signal-target').selectOption(String(pid));
    await page.getByTestId('signal-name').selectOption('SIGKILL');
    await page.getByTestId('send-signal').click();
    const confirm = page.getByTestId('signal-confirm');
    await confirm.waitFor({ timeout: TIMEOUT.ui });
    expect(await confirm.textContent()).toMatch(/SIGKILL \(9\).*cannot be caught/);
    await page
      .locator('.side-section', { has: page.getByTestId('signal-confirm') })
      .screenshot({ path: path.join(screenshots, 'panel-signals-confirm.png') });
    await page.getByTestId('cancel-signal').click();
    await confirm.waitFor({ state: 'detached', timeout: TIMEOUT.ui });
    expect(await target.textContent()).toContain('waiting');

    // Stopped, it says how to go on; continued, it waits again.
    for (const [signal, state] of [
      ['SIGSTOP', 'stopped (send SIGCONT)'],
      ['SIGCONT', 'waiting'],
    ] as const) {
      await page.getByTestId('signal-name').selectOption(signal);
      await page.getByTestId('send-signal').click();
      if (signal === 'SIGSTOP') await page.getByTestId('confirm-signal').click(); // it cannot be caught
      await expect.poll(() => target.textContent(), { timeout: TIMEOUT.ui }).toContain(state);
    }

    await page.getByTestId('signal-name').selectOption('SIGKILL');
    await page.getByTestId('send-signal').click();
    await page.getByTestId('confirm-signal').click();
    await target.filter({ hasText: 'killed by SIGKILL' }).waitFor({ timeout: TIMEOUT.ui });
    await page
      .getByTestId('signal-row')
      .filter({ hasText: 'SIGKILL (9)' })
      .first()
      .waitFor({ timeout: TIMEOUT.ui });
  });

  it('counts an alarm down and, on re-arming, shows what the old one had left', async () => {
    const countdown = page.getByTestId('alarm-countdown');
    /** The seconds the countdown shows, once it shows a number. */
    const shown = async () => {
      const [text = ''] = await countdown.allTextContents();
      const match = /^(\d+\.\d) s$/.exec(text);
      return match ? Number(match[1]) : undefined;
    };
    const since = (start: number) => (Date.now() - start) / 1_000;
    // However long the page takes to draw it first, it shows what is left: 30 s less the time since the click,
    // give or take a second for the page's estimate of the lab's clock.
    await page.getByTestId('alarm-seconds').fill('30');
    const firstClick = Date.now();
    await page.getByTestId('arm-alarm').click();
    const first = await waitFor(shown, 'the countdown of the 30 s alarm', TIMEOUT.ui);
    expect(first).toBeLessThan(31);
    expect(first).toBeGreaterThanOrEqual(29 - since(firstClick));
    await expect.poll(shown, { timeout: TIMEOUT.ui }).toBeLessThan(first);

    await page.getByTestId('alarm-seconds').fill('20');
    const secondClick = Date.now();
    await page.getByTestId('arm-alarm').click();
    const previous = page
      .getByTestId('alarm-previous')
      .filter({ hasText: /the previous alarm had \d+ s left/ });
    await previous.waitFor({ timeout: TIMEOUT.ui });
    // The lab rounds what the old alarm had left up to whole seconds.
    const had = Number(/had (\d+) s left/.exec((await previous.textContent()) ?? '')?.[1]);
    expect(had).toBeLessThanOrEqual(30);
    expect(had).toBeGreaterThanOrEqual(30 - Math.ceil(since(firstClick)));
    const second = await waitFor(
      async () => {
        const seconds = await shown();
        return seconds !== undefined && seconds < 21 ? seconds : undefined;
      },
      'the countdown of the 20 s alarm',
      TIMEOUT.ui,
    );
    expect(second).toBeGreaterThanOrEqual(19 - since(secondClick));
  });

  it('shows coloured output with stderr apart, a tab per run, and finds a word', async () => {
    await page.getByTestId('script-shell').check();
    await page
      .getByTestId('script-command')
      .fill(String.raw`printf '\033[32mgreen words\033[0m\n'; echo 'oops on stderr' >&2; echo first done`);
    await page.getByTestId('run-script').click();
    const pane = page.getByTestId('output-pane');
    await pane.filter({ hasText: 'first done' }).waitFor({ timeout: TIMEOUT.ui });
    await pane.filter({ hasText: 'exited with code 0' }).waitFor({ timeout: TIMEOUT.ui });
    // xterm only draws while it is on screen; its DOM renderer marks palette colours with classes.
    await pane.scrollIntoViewIfNeeded();
    await pane
      .locator('.xterm-rows .xterm-fg-2')
      .filter({ hasText: 'green' })
      .first()
      .waitFor({ timeout: TIMEOUT.ui });
    await pane
      .locator('.stream-stderr')
      .filter({ hasText: 'oops on stderr' })
      .waitFor({ timeout: TIMEOUT.ui });
    await pane
      .locator('.xterm-rows .xterm-fg-1')
      .filter({ hasText: 'oops' })
      .first()
      .waitFor({ timeout: TIMEOUT.ui });

    await page.getByTestId('script-command').fill('echo a second run with a needle in it');
    await page.getByTestId('run-script').click();
    await pane.filter({ hasText: 'needle' }).waitFor({ timeout: TIMEOUT.ui });
    await expect.poll(() => page.getByTestId('output-tab').count(), { timeout: TIMEOUT.ui }).toBe(2);
    await page.getByTestId('output-search').fill('needle');
    await page
      .getByTestId('output-search-results')
      .filter({ hasText: '1 of 1' })
      .waitFor({ timeout: TIMEOUT.ui });

    await page.getByTestId('output-tab').first().click();
    await pane.filter({ hasText: 'oops on stderr' }).waitFor({ timeout: TIMEOUT.ui });
    expect(await pane.textContent()).not.toContain('needle');

    // Copy puts the run's output on the clipboard as text; Clear empties the pane.
    await page
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(serve.uiUrl).origin });
    await page.getByRole('button', { name: 'Copy the output (or the selection)' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /copied/i })
      .waitFor({ timeout: TIMEOUT.ui });
    const copied = String(await page.evaluate('navigator.clipboard.readText()'));
    expect(copied).toContain('green words');
    expect(copied).toContain('oops on stderr');
    expect(copied).not.toContain('\u001b'); // the colours are the terminal's, not the text's
    await page.getByRole('button', { name: 'Clear the output shown' }).click();
    await expect
      .poll(() => pane.locator('.xterm-rows').textContent(), { timeout: TIMEOUT.ui })
      .not.toContain('first done');
  });

  it('spawns with N, opens the shortcut list with ?, and ignores keys typed in a field', async () => {
    const before = await page.getByTestId('order-row').count();
    await page.getByTestId('client-count').fill('2');
    await page.getByTestId('client-count').press('n');
    await showTab(page, 'log');
    await page.getByTestId('log-search').press('n');
    await page.getByTestId('log-search').fill('');
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    await showTab(page, 'orders');
    await page.locator('[data-testid="order-row"][data-run="4"]').waitFor({ timeout: TIMEOUT.ui });
    // Had either field's `n` spawned too, a fifth run would show up alongside the fourth.
    await page.locator('[data-testid="order-row"][data-run="4"] dl').waitFor({ timeout: TIMEOUT.clientRun });
    expect(await page.getByTestId('order-row').count()).toBe(before + 1);
    await page.keyboard.press('?');
    await page.getByTestId('shortcut-help').waitFor({ timeout: TIMEOUT.ui });
    await page.screenshot({ path: path.join(screenshots, 'panels-shortcuts.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('shortcut-help').waitFor({ state: 'hidden', timeout: TIMEOUT.ui });
  });

  it('saves each panel in light and dark, and the dark theme is dark', async () => {
    const background: Record<string, string> = {};
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      background[scheme] = String(
        await page.evaluate('getComputedStyle(document.documentElement).backgroundColor'),
      );
      for (const section of await page.locator('.side-section').all()) {
        const name = await section.getAttribute('data-section');
        await section.screenshot({ path: path.join(screenshots, `panel-${name}-${scheme}.png`) });
      }
      await page.getByTestId('maximise-bottom').click(); // each tab as a whole
      for (const tab of ['log', 'output', 'signals', 'orders'] as const) {
        await showTab(page, tab);
        await page
          .locator('.bottom-panel')
          .screenshot({ path: path.join(screenshots, `tab-${tab}-${scheme}.png`) });
      }
      await page.getByTestId('maximise-bottom').click();
      // The whole workspace as the README shows it: every run in view, the reply log, the side bar's top.
      await showTab(page, 'log');
      await page.locator('.side-sections').evaluate((element) => element.scrollTo(0, 0));
      await page.getByTestId('timeline-fit').click();
      await page.screenshot({ path: path.join(screenshots, `panels-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: null });
    const lightness = (rgb = '') => {
      const [r = 0, g = 0, b = 0] = (rgb.match(/\d+/g) ?? []).map(Number);
      return (r + g + b) / (3 * 255);
    };
    expect(lightness(background.light)).toBeGreaterThan(0.8);
    expect(lightness(background.dark)).toBeLessThan(0.3);
  });
});

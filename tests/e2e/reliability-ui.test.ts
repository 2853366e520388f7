// What the user sees of two safety limits, in Chromium against npm run serve: the echo server bound to every
// interface (a warning), connections refused at the cap (counted, with the limit), and a bounded history.
import net from 'node:net';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEOUT } from '../timeouts';
import { type OpenApp, openApp, screenshots } from './app-page';
import type { ServeProcess } from './serve-process';

/** How many rows the header's items take: they are centred on their row, so a row is a centre 8 px from the next. */
function headerRows(page: Page): Promise<number> {
  return page.locator('header.app-header').evaluate((header) => {
    const centres = [...header.children]
      .map((item) => {
        const box = item.getBoundingClientRect();
        return box.top + box.height / 2;
      })
      .sort((a, b) => a - b);
    return 1 + centres.filter((centre, i) => i > 0 && centre - (centres[i - 1] as number) > 8).length;
  });
}

describe('reliability limits in the UI, against npm run serve', () => {
  let serve: ServeProcess;
  let page: Page;
  let app: OpenApp;
  const sockets: net.Socket[] = [];

  beforeAll(async () => {
    app = await openApp([
      '--echo-port',
      '0',
      '--ui-port',
      '0',
      '--echo-host',
      '0.0.0.0',
      '--max-connections',
      '3',
      '--history',
      '20',
      '--history-bytes',
      '8M',
    ]);
    ({ serve, page } = app);
  });

  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    expect(await app?.close()).toBe(0);
  });

  it('warns next to the echo status that a server bound to 0.0.0.0 is reachable from other machines', async () => {
    const warning = page.getByTestId('echo-exposed');
    await warning.waitFor({ timeout: TIMEOUT.ui });
    expect(await warning.textContent()).toContain('reachable from other machines');
  });

  it('shows how many connections were turned away at the cap, and the cap', async () => {
    const connect = () =>
      new Promise<net.Socket>((resolve, reject) => {
        const socket = net.connect({ host: '127.0.0.1', port: serve.echoPort });
        sockets.push(socket);
        socket.on('error', () => {}); // the refused ones are closed at once
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
      });
    // Accepted in the order they connect: the first three hold the places until the idle timeout.
    for (let i = 0; i < 3; i++) await connect();
    await Promise.all(Array.from({ length: 4 }, connect));
    const refused = page.getByTestId('echo-refused');
    await refused.filter({ hasText: '4 turned away at the limit of 3' }).waitFor({ timeout: TIMEOUT.ui });
    await page.screenshot({
      path: path.join(screenshots, 'reliability-exposed-and-refused.png'),
      fullPage: true,
    });
  });

  it('says how many events the lab evicted, and both bounds of its history', async () => {
    // The earlier connections and five more clients make over 30 events: past the 20 the lab keeps.
    await page.getByTestId('spawn-clients').click();
    const evicted = page.getByTestId('evicted');
    await evicted.waitFor({ timeout: TIMEOUT.clientRun });
    expect(await evicted.textContent()).toMatch(/^[\d,]+ events evicted \(limit 20 \/ 8\.0 MiB\)$/);
    // Cut short in a narrow window, it is whole in its title.
    expect(await evicted.getAttribute('title')).toMatch(
      /^[\d,]+ events evicted\. The lab keeps at most 20 events or 8\.0 MiB: past either bound/,
    );
    // The notice takes the room it finds, cut short if need be: the header keeps to one row, as wide as a
    // laptop's window, rather than wrap and push the workspace down as events start to go.
    const viewport = page.viewportSize();
    for (const width of [1440, 1280]) {
      await page.setViewportSize({ width, height: 800 });
      expect(await headerRows(page), `at ${width} px`).toBe(1);
    }
    if (viewport) await page.setViewportSize(viewport);
    await page
      .locator('header.app-header')
      .screenshot({ path: path.join(screenshots, 'header-evicted.png') });
  });
});

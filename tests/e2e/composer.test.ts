import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEOUT } from '../timeouts';
import { type OpenApp, openApp, screenshots } from './app-page';

/** A port nothing listens on now: the kernel hands out a free one and it is let go at once. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const hexOf = (text: string) =>
  Array.from(Buffer.from(text, 'latin1'), (byte) => byte.toString(16).padStart(2, '0')).join(' ');

describe('the composer, in Chromium against npm run serve', () => {
  let page: Page;
  let app: OpenApp;

  beforeAll(async () => {
    app = await openApp();
    ({ page } = app);
  });
  afterAll(async () => {
    expect(await app?.close()).toBe(0);
  });

  const reply = () => page.getByTestId('compose-reply');
  /** Types a message and sends it; resolves once the send is done (the button is back). */
  async function send(text: string, format: 'text' | 'hex' = 'text') {
    await page.getByTestId('compose-format').selectOption(format);
    await page.getByTestId('compose-text').fill(text);
    await page.getByTestId('compose-send').click();
    await expect.poll(() => page.getByTestId('compose-send').isEnabled(), { timeout: TIMEOUT.ui }).toBe(true);
  }

  it("sends hex ff00 once and shows the classic reply as text and as hex, as the lab's own client", async () => {
    const expected = "server got: [b'\\xff\\x00']";
    await send('ff00', 'hex');
    await expect.poll(() => reply().getAttribute('data-hex'), { timeout: TIMEOUT.ui }).toBe(hexOf(expected));
    expect(await reply().locator('code').first().textContent()).toBe(expected);
    // The reply log has it as the composer's row, and nothing took it for an outsider.
    const row = page.locator('[data-testid="reply-row"][data-kind="composer"]');
    await row.first().waitFor({ timeout: TIMEOUT.ui });
    expect(await row.first().textContent()).toContain('composer-1');
    expect(await page.locator('[data-testid="reply-row"][data-kind="external"]').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('compose-closed').getAttribute('data-by'), { timeout: TIMEOUT.ui })
      .toBe('composer');
  });

  it("sends text it's and gets Python's repr with double quotes", async () => {
    await send("it's");
    await expect
      .poll(() => reply().getAttribute('data-hex'), { timeout: TIMEOUT.ui })
      .toBe(hexOf(`server got: [b"it's"]`));
  });

  it('recalls the messages sent with the up arrow, newest first', async () => {
    const field = page.getByTestId('compose-text');
    await field.fill('');
    await field.press('ArrowUp');
    expect(await field.inputValue()).toBe("it's");
    await field.press('ArrowUp');
    expect(await field.inputValue()).toBe('ff00');
    expect(await page.getByTestId('compose-format').inputValue()).toBe('hex');
    await field.press('ArrowDown');
    await field.press('ArrowDown');
    expect(await field.inputValue()).toBe('');
  });

  it('keeps a connection: three messages get one reply, and the two after it are ignored, in order', async () => {
    await page.getByTestId('compose-keep').click();
    await expect
      .poll(() => page.getByTestId('compose-keep').getAttribute('aria-pressed'), { timeout: TIMEOUT.ui })
      .toBe('true');
    const exchanges = page.getByTestId('compose-exchange');
    await send('one');
    await expect
      .poll(() => reply().getAttribute('data-hex'), { timeout: TIMEOUT.ui })
      .toBe(hexOf("server got: [b'one']"));
    await send('two');
    await send('three');
    const story = () =>
      exchanges.evaluateAll((rows) =>
        rows.map(
          (row) =>
            `${row.getAttribute('data-direction')}${row.hasAttribute('data-ignored') ? ' ignored' : ''}`,
        ),
      );
    await expect
      .poll(story, { timeout: TIMEOUT.ui })
      .toEqual(['sent', 'received', 'sent ignored', 'sent ignored']);
    await page.locator('.composer').screenshot({ path: path.join(screenshots, 'composer-kept.png') });

    // A reload forgets nothing: the open connection is still there to close, with its story.
    await page.reload();
    await expect
      .poll(() => page.getByTestId('compose-keep').getAttribute('aria-pressed'), { timeout: TIMEOUT.ui })
      .toBe('true');
    await expect
      .poll(story, { timeout: TIMEOUT.ui })
      .toEqual(['sent', 'received', 'sent ignored', 'sent ignored']);
    await page.getByTestId('compose-keep').click();
    await expect
      .poll(() => page.getByTestId('compose-closed').getAttribute('data-by'), { timeout: TIMEOUT.ui })
      .toBe('composer');
    expect(await page.getByTestId('compose-keep').getAttribute('aria-pressed')).toBe('false');
    // The timeline draws the composer's connections in a group of their own, named as the reply log names them.
    const lanes = page.getByTestId('timeline-lane').filter({ hasText: 'Composer' });
    await expect.poll(() => lanes.count(), { timeout: TIMEOUT.ui }).toBe(3);
    expect((await lanes.locator('th').allTextContents()).sort()).toEqual(['#1', '#2', '#3']);
    await page
      .locator('.area-timeline')
      .screenshot({ path: path.join(screenshots, 'composer-timeline.png') });
  });

  it('says "connection refused" for a closed port, and changes nothing else', async () => {
    const port = await freePort();
    const rows = await page.getByTestId('reply-row').count();
    const connections = await page.getByTestId('timeline').getAttribute('data-connections');
    const transcript = await page.locator('.composer-result').innerHTML();
    await page.getByTestId('compose-target').fill(`127.0.0.1:${port}`);
    await send('anyone?');
    await page.getByTestId('compose-error').waitFor({ timeout: TIMEOUT.ui });
    expect(await page.getByTestId('compose-error').textContent()).toBe(
      `connection refused: nothing listens on 127.0.0.1:${port}`,
    );
    expect(await page.getByTestId('reply-row').count()).toBe(rows);
    expect(await page.getByTestId('timeline').getAttribute('data-connections')).toBe(connections);
    expect(await page.locator('.composer-result').innerHTML()).toBe(transcript);
    expect(await page.getByTestId('error').count()).toBe(0);
    await page.getByTestId('compose-target').fill('');
  });

  it('marks a bad hex digit and a bad escape where they are, and sends nothing', async () => {
    await page.getByTestId('compose-format').selectOption('hex');
    await page.getByTestId('compose-text').fill('ff 0g');
    const mark = page.getByTestId('compose-error-mark');
    expect(await mark.getAttribute('data-at')).toBe('4');
    expect(await mark.textContent()).toBe('g');
    expect(await page.getByTestId('compose-message-error').textContent()).toContain(
      '"g" is not a hex digit at character 5',
    );
    expect(await page.getByTestId('compose-send').isDisabled()).toBe(true);

    await page.getByTestId('compose-format').selectOption('text');
    await page.getByTestId('compose-text').fill('tab\\q');
    expect(await mark.textContent()).toBe('\\q');
    expect(await page.getByTestId('compose-send').isDisabled()).toBe(true);
    await page.locator('.composer').screenshot({ path: path.join(screenshots, 'composer-bad-escape.png') });
  });

  it('saves a message by name, keeps it across a reload, and loads it back', async () => {
    await page.getByTestId('compose-format').selectOption('hex');
    await page.getByTestId('compose-text').fill('de ad be ef');
    await page.getByTestId('compose-save-name').fill('dead beef');
    await page.getByTestId('compose-save').click();
    await page.reload();
    await page
      .getByTestId('compose-saved')
      .filter({ hasText: 'dead beef' })
      .getByRole('button')
      .first()
      .click();
    expect(await page.getByTestId('compose-text').inputValue()).toBe('de ad be ef');
    expect(await page.getByTestId('compose-format').inputValue()).toBe('hex');
  });

  it('exports the saved messages with the session, and a fresh browser keeps them from the file', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: TIMEOUT.ui }),
      page.getByTestId('export-session').click(),
    ]);
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-composer-')), 'session.ndjson');
    await download.saveAs(file);
    const header = JSON.parse((await readFile(file, 'utf8')).split('\n')[0] ?? '{}');
    expect(header.messages).toEqual([{ name: 'dead beef', text: 'de ad be ef', format: 'hex' }]);

    // Another browser profile: its local storage has no saved messages until it keeps the file's.
    const fresh = await app.browser.newPage();
    try {
      await fresh.goto(app.serve.uiUrl);
      await fresh
        .getByTestId('pid')
        .filter({ hasText: String(app.serve.pid) })
        .waitFor({ timeout: TIMEOUT.ui });
      expect(await fresh.getByTestId('compose-saved').count()).toBe(0);
      await fresh.getByTestId('import-session').setInputFiles(file);
      await fresh.getByTestId('import-messages').click();
      await fresh
        .getByTestId('compose-saved')
        .filter({ hasText: 'dead beef' })
        .waitFor({ timeout: TIMEOUT.ui });
    } finally {
      await fresh.close();
      await rm(path.dirname(file), { recursive: true, force: true });
    }
  });
});

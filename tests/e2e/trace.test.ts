// The classic scripts, run unchanged under the real strace from the Trace panel, and what the sequence chart
// draws of them, in Chromium against npm run serve. The lab's echo server starts on the port the classics
// use (IPC_SCOPE_PORT), so socket_preview.py first meets the port-held path, as it would on 50008.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findPython } from '../../main/engine/python';
import { NOT_LINUX } from '../../main/engine/trace/strace-command';
import { alive, freePort } from '../os-probes';
import { repoRoot } from '../paths';
import { TIMEOUT, waitFor } from '../timeouts';
import { collectPageErrors, type OpenApp, openApp, screenshots, showTab, viewOf } from './app-page';

const classic = path.join(repoRoot, 'examples/classic');
const NOT_LINUX_INFO = { available: false, detail: NOT_LINUX };

/** Whether `pid` has a handler installed for signal `number` (SigCgt in /proc), as after signal.signal(). */
async function catches(pid: number, number: number): Promise<boolean> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
  const mask = /^SigCgt:\s*([0-9a-f]+)$/m.exec(status)?.[1];
  return mask !== undefined && (BigInt(`0x${mask}`) & (1n << BigInt(number - 1))) !== 0n;
}

describe('tracing the classic scripts from the Trace panel, in Chromium against npm run serve', () => {
  let app: OpenApp;
  let page: Page;
  let python = '';
  let classicPort = 0;
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    const found = await findPython();
    if (!found.available) throw new Error(`the classic scripts need Python 3: ${found.reason}`);
    python = found.executable;
    classicPort = await freePort();
    const env = { ...process.env, IPC_SCOPE_PORT: String(classicPort) };
    app = await openApp(['--echo-port', String(classicPort), '--ui-port', '0'], undefined, env);
    ({ page } = app);
  });
  afterAll(async () => {
    for (const child of started)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    expect(await app?.close()).toBe(0);
  });

  const newest = () => page.getByTestId('trace-item').first();
  const arrows = (kind: string) => page.locator(`[data-testid="seq-arrow"][data-kind="${kind}"]`);
  const attrs = (kind: string, name: string) =>
    arrows(kind).evaluateAll((nodes, attr) => nodes.map((node) => node.getAttribute(attr) ?? ''), name);
  const labels = (kind: string) => attrs(kind, 'data-label');

  async function trace(command: string) {
    const before = await page.getByTestId('trace-item').count();
    await page.getByTestId('trace-command').fill(command);
    await page.getByTestId('trace-run').click();
    await waitFor(
      async () => (await page.getByTestId('trace-item').count()) > before,
      'a new trace',
      TIMEOUT.ui,
    );
  }
  /** The newest trace has ended, and the chart (which follows the store at its own pace) has drawn all of it. */
  const ended = async () => {
    if ((await newest().getAttribute('data-running')) !== 'false') return false;
    const drawn = await page.getByTestId('sequence').getAttribute('data-facts');
    return drawn === (await newest().getAttribute('data-facts'));
  };
  async function newestPid(): Promise<number> {
    const status = () => newest().getByTestId('trace-status').textContent();
    const pid = await waitFor(
      async () => /pid (\d+)/.exec((await status()) ?? '')?.[1],
      'the pid',
      TIMEOUT.ui,
    );
    return Number(pid);
  }
  /** Traces a script whose stdout is a socket to the lab's echo server, wherever it listens now, to its end. */
  async function traceRedirectedScript() {
    const echo = (await page.locator('.echo-status code').textContent()) ?? '';
    const port = echo.split(':').pop();
    const program =
      'import os,socket,sys; s=socket.create_connection(("127.0.0.1",int(sys.argv[1]))); os.dup2(s.fileno(),1); ' +
      'print("hello from a redirected script", flush=True); sys.stderr.write(s.recv(1024).decode())';
    await trace(`${python} -c '${program}' ${port}`);
    await waitFor(ended, 'the redirected script to end', TIMEOUT.child);
  }
  /** The chart as a user who wants to read it sees it: its tab, filling the window. */
  async function chart(name: string) {
    await showTab(page, 'sequence');
    await page.getByTestId('maximise-bottom').click();
    await page.locator('.area-sequence').screenshot({ path: path.join(screenshots, `${name}.png`) });
    await page.getByTestId('maximise-bottom').click();
  }

  it("says the lab's server holds the port socket_preview.py binds, moves it, then draws six threads, five connections and each client's bytes both ways", async () => {
    await trace(`${python} ${classic}/socket_preview.py`);
    const notice = page.getByTestId('trace-port-held');
    await notice.waitFor({ timeout: TIMEOUT.ui });
    expect(await notice.textContent()).toContain(
      `could not bind port ${classicPort}: the lab's echo server holds it. Move the lab's server`,
    );
    // Its clients reached the lab's server instead, and were answered by it.
    await waitFor(ended, 'the first socket_preview.py to end', TIMEOUT.child);
    await waitFor(
      async () => (await labels('data')).length >= 10,
      'the clients talking to the lab',
      TIMEOUT.ui,
    );
    expect((await attrs('data', 'data-to')).filter((to) => to === 'lab')).toHaveLength(5);
    await page.locator('.trace-panel').screenshot({ path: path.join(screenshots, 'trace-port-held.png') });

    await page.getByTestId('trace-move-echo').click();
    await page.getByTestId('trace-again').and(page.locator(':enabled')).waitFor({ timeout: TIMEOUT.ui });
    // The classic's clients may connect before its server listens (a race in the script itself): try again.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt === 0) await page.getByTestId('trace-again').click();
      else await trace(`${python} ${classic}/socket_preview.py`);
      await waitFor(
        async () => (await newest().getAttribute('data-trace-id')) !== '1',
        'the new trace',
        TIMEOUT.ui,
      );
      await waitFor(ended, 'socket_preview.py to end', TIMEOUT.child);
      if ((await arrows('connect').count()) === 5) break;
    }
    expect(await newest().getByTestId('trace-counts').textContent()).toContain('6 threads started');
    expect(await page.getByTestId('trace-port-held').count()).toBe(0);
    const servers = new Set(await attrs('connect', 'data-to'));
    expect(servers.size).toBe(1);
    const [server] = servers;
    const clients = new Set(await attrs('connect', 'data-from'));
    expect(clients.size).toBe(5);
    const from = await attrs('data', 'data-from');
    const to = await attrs('data', 'data-to');
    for (const client of clients) {
      expect(from.some((f, i) => f === client && to[i] === server)).toBe(true);
      expect(from.some((f, i) => f === server && to[i] === client)).toBe(true);
    }
    const said = await labels('data');
    for (const i of [0, 1, 2, 3, 4]) {
      expect(said).toContain(`"client${i}" · 7 B`);
      expect(said).toContain(`"server got: [b'client${i}']" · 24 B`);
    }
    const sequence = page.getByTestId('sequence');
    expect(Number(await sequence.getAttribute('data-lifelines'))).toBe(8); // the lab, and seven threads
    expect(Number(await sequence.getAttribute('data-arrows'))).toBe(
      await page.getByTestId('seq-arrow').count(),
    );
    expect(await newest().getByTestId('trace-output').textContent()).toMatch(
      /client got: \[b"server got: \[b'client[0-4]'\]"\]/,
    );
    // The reply log has a row for each connection the traced server took, with what came and went back.
    await showTab(page, 'log'); // the log draws only the rows in view
    const traced = page.locator('[data-testid="reply-row"][data-kind="traced"]');
    await waitFor(async () => (await traced.count()) >= 5, 'the traced rows in the reply log', TIMEOUT.ui);
    expect(await traced.allTextContents()).toEqual(
      expect.arrayContaining([expect.stringMatching(/sent client0.*reply server got: \[b'client0'\]/)]),
    );
    await page.locator('.area-log').screenshot({ path: path.join(screenshots, 'reply-log-trace.png') });
    // The timeline has the traced threads and sockets too: seven threads and ten TCP sockets at least.
    const lanes = page.getByTestId('timeline-traced');
    await waitFor(async () => Number(await lanes.textContent()) >= 17, 'the traced lanes', TIMEOUT.ui);
    await page.locator('.area-timeline').screenshot({ path: path.join(screenshots, 'timeline-trace.png') });
    // Tall enough for every arrow of the run: the README's picture.
    await page.setViewportSize({ width: 1440, height: 1600 });
    await chart('sequence-socket-preview');
    await page.emulateMedia({ colorScheme: 'dark' });
    await chart('sequence-socket-preview-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1440, height: 1000 });
  });

  it('goes to a clicked arrow in the timeline, and then shows only the range the timeline shows', async () => {
    await traceRedirectedScript();
    await showTab(page, 'sequence');
    const timeline = page.getByTestId('timeline');
    const first = arrows('connect').first();
    const t0 = Number(await first.getAttribute('data-t0'));
    await first.click();
    await waitFor(
      async () => (await timeline.getAttribute('data-following')) === 'false',
      'the timeline to stop following',
      TIMEOUT.ui,
    );
    const view = await viewOf(page);
    expect(view.start).toBeLessThanOrEqual(t0);
    expect(view.end).toBeGreaterThanOrEqual(t0);
    const sequence = page.getByTestId('sequence');
    await waitFor(
      async () => Number(await sequence.getAttribute('data-range-start-us')) === view.start,
      "the chart to take the timeline's range",
      TIMEOUT.ui,
    );
    expect(Number(await sequence.getAttribute('data-range-end-us'))).toBe(view.end);
    expect(await page.getByTestId('seq-details').textContent()).toContain('connect, accepted');
    // The pointer over the timeline at an arrow's time lights that arrow up in the chart.
    const data = arrows('data').last();
    const t = Number(await data.getAttribute('data-t0'));
    const canvas = page.locator('.timeline-canvas');
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    if (!box) throw new Error('no timeline canvas');
    const plot = { x0: 184, width: box.width - 184 - 12 }; // the gutter and the right pad (timeline/layout.ts)
    await page.mouse.move(
      box.x + plot.x0 + ((t - view.start) / (view.end - view.start)) * plot.width,
      box.y + 80,
    );
    await waitFor(
      async () => (await data.getAttribute('class'))?.includes(' lit'),
      'the arrow under the timeline pointer to light up',
      TIMEOUT.ui,
    );
    await page.mouse.move(0, 0);
    await page.keyboard.press('f'); // follow again: every arrow is back
    await waitFor(
      async () => (await sequence.getAttribute('data-range-start-us')) === null,
      'all arrows',
      TIMEOUT.ui,
    );
  });

  it('draws the kill -12 that signal1.py 12 gets from outside, and the handler that ran', async () => {
    await trace(`${python} ${classic}/signal1.py 12`);
    const pid = await newestPid();
    await waitFor(() => catches(pid, 12), 'signal1.py to install its SIGUSR2 handler', TIMEOUT.child);
    process.kill(pid, 'SIGUSR2'); // kill -12 <pid>, as from a terminal
    await waitFor(
      async () => (await labels('signal')).includes('SIGUSR2 (12)'),
      'the SIGUSR2 arrow',
      TIMEOUT.ui,
    );
    expect(await attrs('signal', 'data-from')).toEqual(['outside']);
    expect(await page.locator('.seq-head-box.seq-life-outside').textContent()).toContain(
      'a terminal or another process',
    );
    const note = () => page.getByTestId('seq-handler').getAttribute('data-note');
    await waitFor(async () => /Got signal 12 at/.test((await note()) ?? ''), 'the handler note', TIMEOUT.ui);
    expect(await note()).toMatch(/^handler ran, printed "Got signal 12 at .+"$/);
    await waitFor(
      async () => /Got signal 12 at/.test((await newest().getByTestId('trace-output').textContent()) ?? ''),
      "the handler's line in the trace's output",
      TIMEOUT.ui,
    );
    // The signal log has it too, with the sender's pid: this test's, as a terminal's would be.
    await showTab(page, 'signals');
    const row = page
      .locator('[data-testid="signal-row"][data-source="traced"]')
      .filter({ hasText: 'SIGUSR2 (12)' });
    await row.first().waitFor({ timeout: TIMEOUT.ui });
    expect(await row.first().textContent()).toContain(`Traced pid ${pid} got it, from pid ${process.pid}`);
    await page.locator('.area-signals').screenshot({ path: path.join(screenshots, 'signals-trace.png') });
    await chart('sequence-signal1');
    await newest().getByTestId('trace-stop').click();
    await waitFor(ended, 'the trace to stop', TIMEOUT.stop);
    expect(await newest().getByTestId('trace-status').textContent()).toContain('stopped');
    await waitFor(() => !alive(pid), 'signal1.py to be gone', TIMEOUT.stop);
  });

  it('draws alarm(5) → SIGALRM at least twice for signal2.py', async () => {
    await trace(`${python} ${classic}/signal2.py`);
    const pid = await newestPid();
    // Two alarms are ten seconds of the script's own time.
    await waitFor(async () => (await arrows('alarm').count()) >= 2, 'two alarm arrows', TIMEOUT.child);
    for (const label of await labels('alarm')) expect(label).toBe('alarm(5) → SIGALRM (14)');
    expect(await page.getByTestId('seq-handler').first().getAttribute('data-note')).toMatch(
      /^handler ran, printed "Got alarm 14 at .+"$/,
    );
    await chart('sequence-signal2');
    await newest().getByTestId('trace-stop').click();
    await waitFor(() => !alive(pid), 'signal2.py to be gone', TIMEOUT.stop);
  });

  it("shows what a script whose stdout is a socket printed, and the lab's reply", async () => {
    await traceRedirectedScript();
    const said = await labels('data');
    // print() wrote the text and the newline apart: the lab's one recv(1024) may have got either or both.
    const reply = /^server got: \[b'hello from a redirected script(\\n)?'\]$/;
    const script = expect.stringMatching(/^t\d+:\d+$/);
    expect(await attrs('data', 'data-to')).toEqual(['lab', script]);
    expect(said[0]).toBe('"hello from a redirected script\\n" · 31 B');
    expect(await attrs('data', 'data-from')).toEqual([script, 'lab']);
    expect(said[1]).toMatch(/^"server got: \[b'hello from a redirected script(\\n)?'\]" · 4[79] B$/);
    expect(await newest().getByTestId('trace-output').textContent()).toMatch(reply);
    await chart('sequence-redirect');
  });

  it('attaches to a running sleep and detaches, leaving it running', async () => {
    const sleep = spawn('sleep', ['60'], { stdio: 'ignore' });
    started.push(sleep);
    await new Promise((resolve) => sleep.once('spawn', resolve));
    await page.getByTestId('trace-pid').fill(String(sleep.pid));
    await page.getByTestId('trace-attach').click();
    const title = () => newest().locator('code').first().textContent();
    await waitFor(
      async () => (await title())?.endsWith(`pid ${sleep.pid} (attached)`),
      'the attach',
      TIMEOUT.ui,
    );
    const status = () => newest().getByTestId('trace-status').textContent();
    await waitFor(async () => (await status()) === 'attached', 'strace to confirm the attach', TIMEOUT.ui);
    await newest().getByTestId('trace-stop').click();
    await waitFor(ended, 'the detach', TIMEOUT.stop);
    expect(await newest().getByTestId('trace-status').textContent()).toContain(
      'detached: the program runs on',
    );
    expect(alive(sleep.pid ?? 0)).toBe(true);
    sleep.kill('SIGKILL');
  });

  it('saves the chart as an SVG file that looks as it does on screen, with its colours resolved', async () => {
    // The chart holds every arrow while the timeline follows the lab; a test before may have moved it.
    const follow = page.getByTestId('timeline-follow');
    if ((await follow.getAttribute('aria-pressed')) !== 'true') await follow.click();
    await traceRedirectedScript();
    await waitFor(async () => (await arrows('data').count()) === 2, 'its two data arrows', TIMEOUT.ui);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: TIMEOUT.ui }),
      page.getByTestId('seq-export-svg').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^ipc-scope-sequence-.*\.svg$/);
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-sequence-')), 'chart.svg');
    await download.saveAs(file);
    const svg = await readFile(file, 'utf8');
    expect(svg).toMatch(/^<\?xml [^>]*\?>\n<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(svg).not.toContain('var(--');
    expect(svg).toMatch(/\.seq-alarm \.seq-line\{stroke:(#|rgb)/);
    expect(svg.match(/data-testid="seq-arrow"/g)?.length).toBe(await page.getByTestId('seq-arrow').count());
    expect(svg).not.toContain('transform="translate'); // the header at the top, wherever the view was scrolled
    await rm(path.dirname(file), { recursive: true });
  });

  it("says in one sentence why tracing is unavailable when the lab's host is not Linux", async () => {
    // The lab runs here, on Linux: its hello is made to say what a macOS host says, on the way to a new page.
    const other = await app.browser.newPage();
    const errors = collectPageErrors(other);
    try {
      await other.routeWebSocket(/\/ws/, (ws) => {
        const server = ws.connectToServer();
        server.onMessage((message) =>
          ws.send(
            typeof message === 'string'
              ? message
                  .replace('"platform":"linux"', '"platform":"darwin"')
                  .replace(
                    /"trace":\{"available":true,"detail":"[^"]*"\}/,
                    `"trace":${JSON.stringify(NOT_LINUX_INFO)}`,
                  )
              : message,
          ),
        );
      });
      await other.goto(app.serve.uiUrl);
      const unavailable = other.getByTestId('trace-unavailable');
      await unavailable.waitFor({ timeout: TIMEOUT.ui });
      expect(await unavailable.textContent()).toBe(`Tracing is unavailable here. ${NOT_LINUX_INFO.detail}`);
      expect(await other.getByTestId('trace-command').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await other.close();
    }
  });

  it('says in words why a pid that has ended cannot be traced, and the lab goes on', async () => {
    const gone = spawn('true', [], { stdio: 'ignore' });
    started.push(gone);
    await new Promise((resolve) => gone.once('exit', resolve));
    await page.getByTestId('trace-pid').fill(String(gone.pid));
    await page.getByTestId('trace-attach').click();
    // In the trace it made, or above the list when the lab refused it before it began.
    const error = page.getByTestId('trace-error').first();
    await error.waitFor({ timeout: TIMEOUT.ui });
    expect(await error.textContent()).toBe(
      `cannot trace pid ${gone.pid}: no such process (ESRCH); it may have ended`,
    );
    await page.locator('.trace-panel').screenshot({ path: path.join(screenshots, 'trace-panel.png') });
  });
});

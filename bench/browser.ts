import type { Browser, CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../tests/e2e/chromium';
import { descendantsOf } from '../tests/integration/reliability-proc';
import { type Delivery, deliveryOf } from './delivery';
import { installProbe, type ProbeState, type ProbeWindow } from './page-probe';

export { launchChromium };

export interface LabPage {
  page: Page;
  cdp: CDPSession;
  close(): Promise<void>;
}

const READY_TIMEOUT_MS = 30_000;
/** After the page is idle, a pause so the reload's network and disk work has ended too. */
const SETTLE_MS = 300;

/** Opens the lab's UI with the probe installed, and waits until the lab:hello reply is in. */
export async function openLabPage(browser: Browser, url: string): Promise<LabPage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  const page = await context.newPage();
  await page.addInitScript(installProbe);
  await page.goto(url);
  await page.waitForFunction(
    () => ((globalThis as unknown as ProbeWindow).__benchProbe?.replies ?? 0) > 0,
    undefined,
    {
      timeout: READY_TIMEOUT_MS,
    },
  );
  const cdp = await context.newCDPSession(page);
  return { page, cdp, close: () => context.close() };
}

interface TraceEvent {
  name?: string;
  args?: { data?: { frames?: { processId?: number; isOutermostMainFrame?: boolean; parent?: string }[] } };
}

/**
 * The pid of the renderer process that hosts the page's main frame, from the TracingStartedInBrowser event of a
 * trace begun and ended at once (what DevTools' Performance panel reads it from). Chromium runs other renderers
 * beside it (a spare one, its own web UI), so the page's cannot be told from /proc alone.
 */
export async function pageRendererPid(cdp: CDPSession): Promise<number> {
  const events: TraceEvent[] = [];
  const collect = (message: { value: unknown[] }) => events.push(...(message.value as TraceEvent[]));
  cdp.on('Tracing.dataCollected', collect);
  try {
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', {
      traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline'] },
      transferMode: 'ReportEvents',
    });
    await cdp.send('Tracing.end');
    await complete;
  } finally {
    cdp.off('Tracing.dataCollected', collect);
  }
  const frames = events.find((event) => event.name === 'TracingStartedInBrowser')?.args?.data?.frames ?? [];
  const main = frames.find((frame) => frame.isOutermostMainFrame ?? frame.parent === undefined);
  if (main?.processId === undefined) throw new Error("the trace did not name the page's renderer process");
  return main.processId;
}

/** Reads what the probe saw of the seq range [fromSeq, toSeq], lab time mapped to wall time by startedAtMs. */
export async function readDelivery(
  page: Page,
  fromSeq: number,
  toSeq: number,
  startedAtMs: number,
): Promise<Delivery> {
  const batches = await page.evaluate(
    () => (globalThis as unknown as ProbeWindow).__benchProbe?.batches ?? [],
  );
  return deliveryOf(batches, fromSeq, toSeq, startedAtMs);
}

/** Waits until the page has applied every event up to `seq`; false when it has not within `timeoutMs`. */
export async function waitForSeq(page: Page, seq: number, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const last = await page.evaluate(() => {
      const batches = (globalThis as unknown as ProbeWindow).__benchProbe?.batches ?? [];
      return batches.length >= 6 ? (batches[batches.length - 4] as number) : 0;
    });
    if (last >= seq) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

/** Reloads the page, or opens `url` in it, and waits for the lab:hello reply (the probe comes back with it). */
export async function reloadLabPage(page: Page, url?: string): Promise<void> {
  if (url === undefined) await page.reload();
  else await page.goto(url);
  await page.waitForFunction(
    () => ((globalThis as unknown as ProbeWindow).__benchProbe?.replies ?? 0) > 0,
    undefined,
    { timeout: READY_TIMEOUT_MS },
  );
}

export function clearProbe(page: Page): Promise<void> {
  return page.evaluate(() => {
    const probe = (globalThis as unknown as ProbeWindow).__benchProbe as ProbeState;
    probe.batches = [];
    probe.frames = [];
  });
}

export function recordFrames(page: Page, on: boolean): Promise<void> {
  return page.evaluate((value) => {
    ((globalThis as unknown as ProbeWindow).__benchProbe as ProbeState).record(value);
  }, on);
}

/** Milliseconds between consecutive animation frames recorded so far. */
export async function frameTimes(page: Page): Promise<number[]> {
  const frames = await page.evaluate(() => (globalThis as unknown as ProbeWindow).__benchProbe?.frames ?? []);
  return frames.slice(1).map((time, i) => time - (frames[i] as number));
}

/** The renderer's JS heap after a full GC, in MB. */
export async function heapUsedMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize / 1e6;
}

/**
 * This bench's Chromium processes, found before a timed run (scanning all of /proc inside one would cost it);
 * the page's renderer must be among them, or the figures would be some other page's.
 */
export function chromiumPids(rendererPid: number): number[] {
  const pids = descendantsOf(process.pid)
    .filter((proc) => proc.comm.startsWith('chrom'))
    .map((proc) => proc.pid);
  if (!pids.includes(rendererPid)) throw new Error(`the page's renderer ${rendererPid} is not this bench's`);
  return pids;
}

/**
 * Waits until the freshly loaded page is idle (its first renders, fonts and terminal set up), as it is when a
 * user clicks: otherwise that start-up work would compete with the clients for the 2 cores.
 */
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const idle = (
          globalThis as unknown as {
            requestIdleCallback(callback: () => void, options: { timeout: number }): void;
          }
        ).requestIdleCallback;
        idle(() => resolve(), { timeout: 2_000 });
      }),
  );
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
}

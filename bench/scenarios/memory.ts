// Scenario 4: a million events retained; engine RSS and renderer heap; eviction past the bound; 10 cycles of
// load and clear.
import type { CDPSession, Page } from 'playwright-core';
import { heapUsedMb, openLabPage, reloadLabPage, waitForSeq } from '../browser';
import type { BenchContext } from '../context';
import { floodRows } from '../floods';
import { profileFlags } from '../options';
import type { ProbeWindow } from '../page-probe';
import { type Proc, startProc } from '../proc';
import type { LabHostApi } from '../procs/lab-host';
import type { ScenarioResult } from '../results';

const GOAL_MB = 250;
const CYCLES = 10;
/** Pushed at a pace the page keeps up with, so what is measured is what it holds, not a backlog. */
const PUSH_RATE = 50_000;
const DRAIN_TIMEOUT_MS = 180_000;

const evictedNotices = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as ProbeWindow).__benchProbe?.evictedNotices ?? 0);

/**
 * Reloads the page on a full history: the most RSS the engine had meanwhile (VmHWM), and how long until the
 * page had the newest event. With `liveHeap`, it also reads the renderer's heap every 200 ms after a full
 * collection, for the most it held (which slows the load, so the time is taken without it).
 */
async function openOnHistory(
  page: Page,
  cdp: CDPSession,
  lab: Proc<LabHostApi>,
  lastSeq: number,
  liveHeap: boolean,
) {
  await lab.call('resetPeak');
  let rendererPeakMb = 0;
  let sampling = liveHeap;
  const sampler = (async () => {
    while (sampling) {
      rendererPeakMb = Math.max(rendererPeakMb, await heapUsedMb(cdp).catch(() => 0));
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  })();
  const start = performance.now();
  await reloadLabPage(page);
  const delivered = await waitForSeq(page, lastSeq, DRAIN_TIMEOUT_MS);
  const seconds = (performance.now() - start) / 1e3;
  sampling = false;
  await sampler;
  return { enginePeakMb: await lab.call('peakRssMb'), rendererPeakMb, seconds, delivered };
}

export async function memory(ctx: BenchContext): Promise<ScenarioResult> {
  const { options } = ctx;
  const capacity = options.quick ? 50_000 : 1_000_000;
  const cycleEvents = options.quick ? 10_000 : 200_000;
  const cycles = options.quick ? 2 : CYCLES;
  const lab = await startProc<LabHostApi>(options.benchOut, 'lab-host', {
    args: ['--out', options.out, '--capacity', String(capacity)],
    execArgv: ['--expose-gc', ...profileFlags(options)],
  });
  let delivered = true;
  try {
    const info = await lab.call('info');
    const { page, cdp, close } = await openLabPage(await ctx.browser(), info.url);
    const idle = await lab.call('memory');
    const push = async (events: number) => {
      const pushed = await lab.call('synth', {
        rate: PUSH_RATE,
        events,
        maxSeconds: (events / PUSH_RATE) * 3 + 5,
      });
      delivered &&= pushed.appended >= events && (await waitForSeq(page, pushed.lastSeq, DRAIN_TIMEOUT_MS));
      return pushed;
    };

    ctx.progress(`memory: retaining ${capacity.toLocaleString('en')} events`);
    await push(capacity);
    const full = await lab.call('memory');
    const fullHistory = await lab.call('history');
    const rendererFull = await heapUsedMb(cdp);

    ctx.progress('memory: past the bound');
    const beyond = Math.round(capacity / 10);
    await push(beyond);
    const bounded = await lab.call('history');
    const notices = await evictedNotices(page);
    const evictedOk = bounded.size === capacity && bounded.evicted >= beyond;

    ctx.progress('memory: a window opened on the full history');
    const timed = await openOnHistory(page, cdp, lab, bounded.lastSeq, false);
    const sampled = await openOnHistory(page, cdp, lab, bounded.lastSeq, true);
    const opened = {
      seconds: timed.seconds,
      enginePeakMb: Math.max(timed.enginePeakMb, sampled.enginePeakMb),
      rendererPeakMb: sampled.rendererPeakMb,
    };
    delivered &&= timed.delivered && sampled.delivered;

    // Cycles start from an empty history, so each reload shows the page only what its cycle pushes.
    await lab.call('clear');
    const cycleRows: { engineRss: number; engineHeap: number; renderer: number }[] = [];
    for (let cycle = 1; cycle <= cycles; cycle++) {
      ctx.progress(`memory: load and clear, cycle ${cycle}/${cycles}`);
      await reloadLabPage(page);
      await push(cycleEvents);
      await lab.call('clear');
      const engine = await lab.call('memory');
      cycleRows.push({
        engineRss: engine.rssMb,
        engineHeap: engine.heapUsedMb,
        renderer: await heapUsedMb(cdp),
      });
    }
    await close();
    ctx.progress('memory: floods');
    const floods = await floodRows(lab, info.url, info.echoPort);

    const first = cycleRows[0]!;
    const last = cycleRows.at(-1)!;
    const mb = (x: number) => x.toFixed(0);
    const peaksOk = opened.enginePeakMb <= GOAL_MB && opened.rendererPeakMb <= GOAL_MB;
    const met = full.rssMb <= GOAL_MB && rendererFull <= GOAL_MB && evictedOk && peaksOk;
    return {
      id: 'memory',
      title: `4. Memory: ${capacity.toLocaleString('en')} events retained`,
      goal: `engine RSS and renderer JS heap each ≤ ${GOAL_MB} MB, eviction counted past the bound, flat over ${cycles} cycles of load and clear`,
      met: options.quick ? null : met,
      correct: delivered && evictedOk,
      table: {
        columns: ['state', 'engine RSS MB', 'engine JS heap MB', 'renderer JS heap MB', 'history'],
        rows: [
          ['idle (lab started, page attached)', mb(idle.rssMb), mb(idle.heapUsedMb), '', '0'],
          [
            `${capacity.toLocaleString('en')} events retained`,
            `**${mb(full.rssMb)}**`,
            mb(full.heapUsedMb),
            `**${mb(rendererFull)}**`,
            fullHistory.size.toLocaleString('en'),
          ],
          [
            `${beyond.toLocaleString('en')} more pushed`,
            '',
            '',
            '',
            `${bounded.size.toLocaleString('en')} kept, ${bounded.evicted.toLocaleString('en')} evicted`,
          ],
          [
            `a window opened on them: the peak while it loads (${opened.seconds.toFixed(1)} s)`,
            `**${mb(opened.enginePeakMb)}**`,
            '',
            `**${mb(opened.rendererPeakMb)}**`,
            `${bounded.size.toLocaleString('en')} sent`,
          ],
          ...cycleRows.map((row, i) => [
            `cycle ${i + 1}: ${cycleEvents.toLocaleString('en')} events, then clear`,
            mb(row.engineRss),
            mb(row.engineHeap),
            mb(row.renderer),
            '0',
          ]),
          ...floods.map((row) => [
            `flood: ${row.what}`,
            `**${mb(row.enginePeakMb)}** (peak)`,
            '',
            '',
            row.outcome,
          ]),
        ],
      },
      figures: {
        idle,
        full,
        fullHistory,
        rendererFull,
        bounded,
        opened,
        evictedNotices: notices,
        cycles: cycleRows,
        floods,
      },
      notes: [
        `Engine: process.memoryUsage() of the lab process after two full GCs (--expose-gc); renderer: CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage. Events are pushed at ${PUSH_RATE.toLocaleString('en')}/s with the page attached and drained.`,
        'A window opened on the full history (the page reloaded, twice): the engine’s peak RSS while it sends the history (VmHWM, reset just before), the time until the page has the newest event, and, in the second load, the most renderer heap held (read every 200 ms after a full collection). The hello reply says how large the history is; the history follows it a piece at a time, paced by the socket.',
        `Past the bound the history kept ${bounded.size.toLocaleString('en')} and counted ${bounded.evicted.toLocaleString('en')} evicted; the page saw ${notices} log:evicted notice(s).`,
        'Floods (history cleared, VmHWM reset before each): the engine’s peak RSS while one local process loads it; its history is bounded at 256 MB by default, one connection keeps 64 KB after its reply, 32 scripts run at once and share 32 MB of kept output.',
        `Cycles (page reloaded, events pushed, history cleared): engine RSS ${mb(first.engineRss)} → ${mb(last.engineRss)} MB, engine heap ${mb(first.engineHeap)} → ${mb(last.engineHeap)} MB, renderer heap ${mb(first.renderer)} → ${mb(last.renderer)} MB from cycle 1 to ${cycles}.`,
      ],
    };
  } finally {
    await lab.stop();
  }
}

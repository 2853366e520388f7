// What an open window and the lab cost while nothing happens, in three states a user leaves them in.
import type { Page } from 'playwright-core';
import { timelineViewMovesIn } from '../../tests/e2e/timeline-view-moves';
import { chromiumPids, openLabPage, pageRendererPid, settle } from '../browser';
import { type BenchContext, sleep } from '../context';
import { startProc } from '../proc';
import type { LabHostApi } from '../procs/lab-host';
import type { ScenarioResult } from '../results';
import { formatSpread, spread } from '../stats';
import { cpuMsBetween, threadCpu } from '../thread-cpu';

const CLIENTS = 5;
/** After a run's last rows, long enough for its exits and the run's end to be drawn. */
const AFTER_RUN_MS = 3_000;
const STATES = [
  { id: 'opened', label: 'as it opens: an empty session, following live' },
  { id: 'framed', label: 'after a 5-client run, framed as it ran' },
  { id: 'fit', label: 'after that run, "Fit all": the whole session, followed' },
] as const;
type StateId = (typeof STATES)[number]['id'];

interface Idle {
  /** Percent of one core, over the window. */
  page: number;
  rest: number;
  lab: number;
  viewMovesPerS: number;
}

/** CPU over `ms` of the page's renderer, the rest of Chromium and the lab, and how often the timeline's view moved. */
async function measureIdle(page: Page, rendererPid: number, labPid: number, ms: number): Promise<Idle> {
  const chromium = chromiumPids(rendererPid);
  const pids = [...chromium, labPid];
  const before = threadCpu(pids);
  const started = performance.now();
  const moves = await timelineViewMovesIn(page, ms);
  const after = threadCpu(pids);
  const seconds = (performance.now() - started) / 1_000;
  const percent = (cpuMs: number) => cpuMs / seconds / 10; // ms a second, as % of a core
  return {
    page: percent(cpuMsBetween(before, after, [rendererPid])),
    rest: percent(
      cpuMsBetween(
        before,
        after,
        chromium.filter((pid) => pid !== rendererPid),
      ),
    ),
    lab: percent(cpuMsBetween(before, after, [labPid])),
    viewMovesPerS: moves / seconds,
  };
}

/** One round: a fresh lab and a fresh window on it, left alone in each state in turn. */
async function idleRound(
  ctx: BenchContext,
  windowMs: number,
): Promise<{ idle: Record<StateId, Idle>; rows: number; followed: boolean }> {
  const { options } = ctx;
  const lab = await startProc<LabHostApi>(options.benchOut, 'lab-host', { args: ['--out', options.out] });
  try {
    const info = await lab.call('info');
    const { page, cdp, close } = await openLabPage(await ctx.browser(), info.url);
    try {
      await page.getByTestId('tab-log').click();
      await page.getByTestId('client-count').fill(String(CLIENTS));
      await page.getByTestId('client-mode').selectOption('process');
      const rendererPid = await pageRendererPid(cdp);
      await settle(page);
      const opened = await measureIdle(page, rendererPid, lab.pid, windowMs);

      await page.getByTestId('spawn-clients').click();
      await page
        .getByTestId('reply-row')
        .nth(CLIENTS - 1)
        .waitFor();
      const rows = await page.getByTestId('reply-row').count();
      await sleep(AFTER_RUN_MS);
      const framed = await measureIdle(page, rendererPid, lab.pid, windowMs);

      await page.getByTestId('timeline-fit').click();
      await sleep(1_000);
      const followed = (await page.getByTestId('timeline').getAttribute('data-following')) === 'true';
      const fit = await measureIdle(page, rendererPid, lab.pid, windowMs);
      return { idle: { opened, framed, fit }, rows, followed };
    } finally {
      await close();
    }
  } finally {
    await lab.stop();
  }
}

export async function idleCost(ctx: BenchContext): Promise<ScenarioResult> {
  const { options } = ctx;
  const windowMs = options.quick ? 1_000 : 5_000;
  const measured = new Map<StateId, Idle[]>();
  let correct = true;
  let followingAfterFit = 0;
  for (let round = 0; round < options.rounds; round++) {
    ctx.progress(`idle cost: round ${round + 1}/${options.rounds}`);
    const { idle, rows, followed } = await idleRound(ctx, windowMs);
    for (const { id } of STATES) measured.set(id, [...(measured.get(id) ?? []), idle[id]]);
    correct &&= rows === CLIENTS;
    if (followed) followingAfterFit += 1;
  }
  const fig = (state: StateId, key: keyof Idle) =>
    spread((measured.get(state) ?? []).map((idle) => idle[key]));
  return {
    id: 'idle-cost',
    title: 'Idle cost: an open window and the lab while nothing happens',
    goal: 'none: what leaving the app open costs, for the clock redraws (issue 13)',
    met: null,
    correct,
    table: {
      columns: [
        'state',
        'page renderer, % of a core',
        'rest of Chromium, %',
        'lab, %',
        'timeline view moves a second',
      ],
      rows: STATES.map(({ id, label }) => [
        label,
        `**${formatSpread(fig(id, 'page'))}**`,
        formatSpread(fig(id, 'rest')),
        formatSpread(fig(id, 'lab')),
        formatSpread(fig(id, 'viewMovesPerS')),
      ]),
    },
    figures: Object.fromEntries(STATES.map(({ id }) => [id, measured.get(id) ?? []])),
    notes: [
      `Each state is measured for ${windowMs / 1_000} s, with nothing clicked: CPU from each thread's schedstat, of the page's renderer (found by a trace), every other Chromium process, and the lab (the engine and web host, no page of its own).`,
      `Each round starts a lab and opens a window on it, measures it settled, spawns ${CLIENTS} process clients and waits for their rows and ${AFTER_RUN_MS / 1_000} s more, then clicks "Fit all"; it followed live afterwards in ${followingAfterFit} of ${options.rounds} rounds.`,
      "View moves are counted in the page, as changes of the timeline's data-view-end-us. While the view follows live each redraw moves it: the clock redraws a moving picture once a pixel of it moves (between 10 and 1 a second), a blank one once a second. A redraw of a view that stays put is not seen; the CPU columns would show it.",
    ],
  };
}

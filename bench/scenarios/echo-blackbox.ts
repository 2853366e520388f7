// Scenario 1b: the lab as users run it (`npm run serve` with a page open on it), measured from outside by its pid,
// against a bare `net` server; then whether that cost stays flat as the history fills and TIME_WAIT sockets pile up.
import type { Page } from 'playwright-core';
import { type ServeProcess, startServe } from '../../tests/e2e/serve-process';
import { openLabPage } from '../browser';
import { type BenchContext, sleep } from '../context';
import { timeWaitSockets } from '../machine';
import { BATCH_FIELDS, type ProbeWindow } from '../page-probe';
import { type Proc, startProc } from '../proc';
import type { BareServerApi } from '../procs/bare-server';
import type { LoadGenApi } from '../procs/load-gen';
import { allRepliesRight, countReplies, describeReplies, newReplies, type Replies } from '../replies';
import type { ScenarioResult } from '../results';
import { formatSpread, type Spread, spread } from '../stats';
import { cpuMsBetween, threadCpu } from '../thread-cpu';

const CONCURRENCY = [1, 16, 128];
/** The concurrency of the flat-cost rows. */
const FLAT_AT = 16;
const GOAL = 1.05;
/** Each round trip is four events: conn:open, conn:data, conn:reply, conn:close. */
const EVENTS_PER_RT = 4;
const DEFAULT_HISTORY = 200_000;
const BIG_HISTORY = 1_000_000;
const EXTRA_TIME_WAIT = 60_000;
/** Long enough for the log's last 16 ms batch to reach the page before the CPU is read. */
const SETTLE_MS = 60;
const PAGE_QUIET_MS = 500;
const PAGE_SETTLE_LIMIT_MS = 60_000;

interface Target {
  name: 'bare' | 'lab';
  port: number;
  pid: number;
}

interface Sample {
  cpuPerRt: number;
  rtPerS: number;
  /** TIME_WAIT sockets on the machine when the run began. */
  timeWait: number;
}

interface Row {
  condition: string;
  concurrency: number;
  bare: Sample[];
  lab: Sample[];
}

/** A served lab and the page open on it: what a user has running. */
interface ServedLab {
  serve: ServeProcess;
  page: Page;
  close(): Promise<void>;
}

export async function echoBlackbox(ctx: BenchContext): Promise<ScenarioResult> {
  const { options } = ctx;
  const count = options.quick ? 200 : 5_000;
  const scale = options.quick ? 0.01 : 1;
  const procs: Proc<LoadGenApi | BareServerApi>[] = [];
  const labs: ServedLab[] = [];
  const replies = newReplies();
  try {
    const bareProc = await startProc<BareServerApi>(options.benchOut, 'bare-server');
    procs.push(bareProc);
    const load = await startProc<LoadGenApi>(options.benchOut, 'load-gen');
    procs.push(load);
    const bare: Target = { name: 'bare', port: await bareProc.call('port'), pid: bareProc.pid };

    const serveLab = async (args: string[]): Promise<ServedLab & { target: Target }> => {
      const serve = await startServe(
        ['--echo-port', '0', '--ui-port', '0', ...args],
        process.env,
        options.out,
      );
      const opened = await openLabPage(await ctx.browser(), serve.uiUrl).catch(async (error: unknown) => {
        await serve.stop(); // no page: nothing else would stop it
        throw error;
      });
      const lab = {
        serve,
        page: opened.page,
        close: async () => {
          await opened.close();
          await serve.stop();
        },
      };
      labs.push(lab);
      return { ...lab, target: { name: 'lab', port: serve.echoPort, pid: serve.pid } };
    };

    const run = async (target: Target, concurrency: number, n: number): Promise<Sample> => {
      const timeWait = timeWaitSockets();
      const before = threadCpu([target.pid]);
      const result = await load.call('run', { port: target.port, concurrency, count: n, tag: 'bench-' });
      await sleep(SETTLE_MS);
      const cpuMs = cpuMsBetween(before, threadCpu([target.pid]));
      countReplies(replies, target.name, result);
      return { cpuPerRt: (cpuMs * 1_000) / n, rtPerS: (n / result.ms) * 1_000, timeWait };
    };

    const rows: Row[] = [];
    /** Rounds of the bare server and the lab in turns, the order swapped each round so drift favours neither. */
    const measure = async (lab: { target: Target }, condition: string, concurrency: number) => {
      const row: Row = { condition, concurrency, bare: [], lab: [] };
      for (let round = 0; round < options.rounds; round++) {
        ctx.progress(`echo black box: ${condition}, concurrency ${concurrency}, round ${round + 1}`);
        const order = round % 2 === 0 ? [bare, lab.target] : [lab.target, bare];
        for (const target of order) {
          const sample = await run(target, concurrency, count);
          (target.name === 'bare' ? row.bare : row.lab).push(sample);
        }
      }
      rows.push(row);
    };
    /** Echo traffic until the lab has recorded `events` in all, the way a long session fills it. */
    const fill = async (lab: ServedLab, events: number) => {
      const roundTrips = Math.ceil(Math.max(0, events - (await recordedEvents(lab.page))) / EVENTS_PER_RT);
      ctx.progress(
        `echo black box: filling the history with ${(roundTrips * EVENTS_PER_RT).toLocaleString('en')} events`,
      );
      if (roundTrips > 0) {
        const result = await load.call('run', {
          port: lab.serve.echoPort,
          concurrency: 128,
          count: roundTrips,
          tag: 'fill-',
        });
        if (result.wrong + result.errors > 0) throw new Error(`filling the history failed: ${result.sample}`);
      }
      await pageSettled(lab.page);
    };

    const usual = await serveLab([]);
    ctx.progress('echo black box: warming up');
    for (const target of [bare, usual.target]) await run(target, FLAT_AT, options.quick ? 100 : 2_000);
    await measure(usual, 'history from empty', FLAT_AT);
    await fill(usual, DEFAULT_HISTORY * scale);
    const fullAt = `history full at its default bound (${DEFAULT_HISTORY.toLocaleString('en')})`;
    for (const concurrency of CONCURRENCY) await measure(usual, fullAt, concurrency);

    const extra = Math.round(EXTRA_TIME_WAIT * scale);
    ctx.progress(`echo black box: leaving ${extra.toLocaleString('en')} sockets in TIME_WAIT`);
    await load.call('timeWait', extra);
    await measure(usual, `the same, ${extra.toLocaleString('en')} more sockets in TIME_WAIT`, FLAT_AT);
    await usual.close();

    const big = await serveLab(['--history', String(BIG_HISTORY)]);
    await fill(big, BIG_HISTORY * scale);
    await measure(
      big,
      `history full at ${BIG_HISTORY.toLocaleString('en')} (\`--history ${BIG_HISTORY}\`)`,
      FLAT_AT,
    );
    return summarize(rows, replies, count, options.quick);
  } finally {
    await Promise.all(labs.map((lab) => lab.close().catch(() => {})));
    await Promise.all(procs.map((proc) => proc.stop()));
  }
}

/** The events the lab has recorded so far: the last seq the page has taken. */
async function recordedEvents(page: Page): Promise<number> {
  // Serialised into the page: the record's width comes in as an argument.
  return page.evaluate((fields) => {
    const batches = (globalThis as unknown as ProbeWindow).__benchProbe?.batches ?? [];
    return (batches[batches.length - fields + 2] as number | undefined) ?? 0;
  }, BATCH_FIELDS);
}

/** Waits until the page has taken no events frame for a while: its catching up must not share the rounds. */
async function pageSettled(page: Page): Promise<void> {
  const frames = () =>
    page.evaluate(() => (globalThis as unknown as ProbeWindow).__benchProbe?.batches.length ?? 0);
  const deadline = performance.now() + PAGE_SETTLE_LIMIT_MS;
  let last = await frames();
  while (performance.now() < deadline) {
    await sleep(PAGE_QUIET_MS);
    const now = await frames();
    if (now === last) return;
    last = now;
  }
}

function summarize(rows: Row[], replies: Replies, count: number, quick: boolean): ScenarioResult {
  let met = true;
  const table: string[][] = [];
  const figures: Record<string, unknown>[] = [];
  for (const row of rows) {
    const ratios = spread(
      row.lab.map((sample, i) => sample.cpuPerRt / (row.bare[i]?.cpuPerRt ?? Number.NaN)),
    );
    const of = (samples: Sample[], pick: (sample: Sample) => number): Spread => spread(samples.map(pick));
    const timeWait = of([...row.bare, ...row.lab], (sample) => sample.timeWait);
    if (row.condition.startsWith('history full at its default')) met &&= ratios.median <= GOAL;
    figures.push({
      condition: row.condition,
      concurrency: row.concurrency,
      ratioToBare: ratios,
      cpuPerRtMicros: { bare: of(row.bare, (s) => s.cpuPerRt), lab: of(row.lab, (s) => s.cpuPerRt) },
      roundTripsPerS: { bare: of(row.bare, (s) => s.rtPerS), lab: of(row.lab, (s) => s.rtPerS) },
      timeWait,
    });
    table.push([
      row.condition,
      String(row.concurrency),
      formatSpread(
        of(row.bare, (s) => s.rtPerS),
        0,
      ),
      formatSpread(
        of(row.lab, (s) => s.rtPerS),
        0,
      ),
      formatSpread(of(row.bare, (s) => s.cpuPerRt)),
      formatSpread(of(row.lab, (s) => s.cpuPerRt)),
      `**${formatSpread(ratios, 2)}**`,
      formatSpread(timeWait, 0),
    ]);
  }
  return {
    id: 'echo-blackbox',
    title:
      '1b. Echo overhead from outside: `npm run serve` with a page open, by its pid, vs a bare net server',
    goal: `lab ÷ bare ≤ ${GOAL} (median of per-round ratios) at concurrency ${CONCURRENCY.join(', ')} with the history full; the same ratio with 1M events kept and with 60,000 more TIME_WAIT sockets`,
    met: quick ? null : met,
    correct: allRepliesRight(replies),
    table: {
      columns: [
        'condition',
        'concurrency',
        'bare rt/s',
        'lab rt/s',
        'bare µs CPU/rt',
        'lab µs CPU/rt',
        'lab ÷ bare',
        'TIME_WAIT sockets',
      ],
      rows: table,
    },
    figures: { rows: figures, replies, roundTripsPerRun: count },
    notes: [
      `The lab is the built \`out/web/serve.mjs\`, started as \`npm run serve\` starts it, with a Chromium page open on it; it is never cleared. Its CPU is the sum of its threads' time on a CPU, from \`/proc/<pid>/task/*/schedstat\`, read from outside around each run; the bare server (a plain \`net\` server with the same reply) is measured the same way.`,
      `${count.toLocaleString('en')} round trips per server per run, from a separate load-generator process (connect, send, read the reply, close); the two servers take turns, the order swapped each round. The history is filled by the same echo traffic at concurrency 128, and the page has taken every frame before the rounds begin.`,
      'TIME_WAIT sockets: the whole machine, from /proc/net/tcp and tcp6, at the start of each run (median, min–max). The load itself leaves one per round trip for 60 s; the extra ones are made by the load generator against listeners of its own, closed client first.',
      `${describeReplies(replies)}.`,
    ],
  };
}

// Scenario 1: the lab's echo server (full instrumentation, a live UI attached) against a bare `net` server.
import { openLabPage } from '../browser';
import { type BenchContext, sleep } from '../context';
import { profileFlags } from '../options';
import type { ProbeWindow } from '../page-probe';
import { type Proc, startProc } from '../proc';
import type { BareServerApi } from '../procs/bare-server';
import type { EchoPartsApi } from '../procs/echo-parts';
import type { LabHostApi } from '../procs/lab-host';
import type { LoadGenApi } from '../procs/load-gen';
import { allRepliesRight, countReplies, describeReplies, newReplies, type Replies } from '../replies';
import type { ScenarioResult } from '../results';
import type { Api } from '../rpc-types';
import { formatSpread, type Spread, spread } from '../stats';
import { openWsReader } from '../ws-reader';

const CONCURRENCY = [1, 16, 128];
const GOAL = 1.05;
/** Long enough for the log's last 16 ms batch to reach the UI before the CPU is read. */
const SETTLE_MS = 60;

/** The goal's subject first; the others say where its overhead comes from. */
const SERVERS = [
  'bare',
  'lab + UI',
  'lab + WS reader',
  'lab, no UI',
  'echo + log',
  'echo, log stubbed',
] as const;
type ServerName = (typeof SERVERS)[number];

interface Server {
  name: ServerName;
  port: number;
  cpu: () => Promise<number>;
}

interface Sample {
  cpuPerRt: number;
  rtPerS: number;
}

type Samples = Map<string, Sample[]>;

export async function echoOverhead(ctx: BenchContext): Promise<ScenarioResult> {
  const { options } = ctx;
  const count = options.quick ? 200 : 6_000;
  const procs: Proc<Api>[] = [];
  const start = async <A extends Api>(name: string, args: string[] = []) => {
    const execArgv = name === 'load-gen' ? [] : profileFlags(options);
    const proc = await startProc<A>(options.benchOut, name, { args, execArgv });
    procs.push(proc as unknown as Proc<Api>);
    return proc;
  };
  try {
    const bare = await start<BareServerApi>('bare-server');
    const labUi = await start<LabHostApi>('lab-host', ['--out', options.out]);
    const labReader = await start<LabHostApi>('lab-host', ['--out', options.out]);
    const labQuiet = await start<LabHostApi>('lab-host', ['--out', options.out]);
    const echoLog = await start<EchoPartsApi>('echo-parts', ['--log', 'real']);
    const echoStub = await start<EchoPartsApi>('echo-parts', ['--log', 'stub']);
    const load = await start<LoadGenApi>('load-gen');
    const uiInfo = await labUi.call('info');
    const page = await openLabPage(await ctx.browser(), uiInfo.url);
    const readerInfo = await labReader.call('info');
    const reader = await openWsReader(readerInfo.url);
    const servers: Server[] = [
      { name: 'bare', port: await bare.call('port'), cpu: () => bare.call('cpu') },
      { name: 'lab + UI', port: uiInfo.echoPort, cpu: () => labUi.call('cpu') },
      { name: 'lab + WS reader', port: readerInfo.echoPort, cpu: () => labReader.call('cpu') },
      { name: 'lab, no UI', port: (await labQuiet.call('info')).echoPort, cpu: () => labQuiet.call('cpu') },
      { name: 'echo + log', port: await echoLog.call('port'), cpu: () => echoLog.call('cpu') },
      { name: 'echo, log stubbed', port: await echoStub.call('port'), cpu: () => echoStub.call('cpu') },
    ];
    const replies = newReplies();
    const run = async (server: Server, concurrency: number, n: number): Promise<Sample> => {
      const before = await server.cpu();
      const result = await load.call('run', { port: server.port, concurrency, count: n, tag: 'bench-' });
      await sleep(SETTLE_MS);
      const after = await server.cpu();
      countReplies(replies, server.name, result);
      return { cpuPerRt: (after - before) / n, rtPerS: (n / result.ms) * 1_000 };
    };

    ctx.progress('echo overhead: warming up');
    for (const server of servers) await run(server, 16, options.quick ? 100 : 3_000);
    const samples: Samples = new Map();
    for (const concurrency of CONCURRENCY) {
      for (let round = 0; round < options.rounds; round++) {
        ctx.progress(`echo overhead: concurrency ${concurrency}, round ${round + 1}/${options.rounds}`);
        // Rotate the order each round, so drift on a shared machine does not favour one server.
        const order = servers.map((_, i) => servers[(i + round) % servers.length] as Server);
        for (const server of order) {
          const key = `${server.name}@${concurrency}`;
          samples.set(key, [...(samples.get(key) ?? []), await run(server, concurrency, count)]);
        }
      }
    }
    const uiEvents = await page.page.evaluate(() => {
      const batches = (globalThis as unknown as ProbeWindow).__benchProbe?.batches ?? [];
      let events = 0;
      for (let i = 3; i < batches.length; i += 6) events += batches[i] as number;
      return events;
    });
    await page.close();
    reader.close();
    return summarize(samples, replies, uiEvents, count, options.quick);
  } finally {
    await Promise.all(procs.map((proc) => proc.stop()));
  }
}

function summarize(
  samples: Samples,
  replies: Replies,
  uiEvents: number,
  count: number,
  quick: boolean,
): ScenarioResult {
  const rows: string[][] = [];
  const figures: Record<string, unknown> = {};
  let met = true;
  for (const concurrency of CONCURRENCY) {
    const of = (name: ServerName) => samples.get(`${name}@${concurrency}`) ?? [];
    const bare = of('bare');
    // Each round's ratio pairs two runs made seconds apart, so the machine's drift mostly cancels.
    const ratio = (name: ServerName) =>
      spread(of(name).map((sample, i) => sample.cpuPerRt / (bare[i]?.cpuPerRt ?? Number.NaN)));
    const cpu = (name: ServerName) => spread(of(name).map((sample) => sample.cpuPerRt));
    const rate = (name: ServerName) => spread(of(name).map((sample) => sample.rtPerS));
    const per = <T>(f: (name: ServerName) => T) => Object.fromEntries(SERVERS.map((name) => [name, f(name)]));
    const ratios: Record<string, Spread> = per(ratio);
    met &&= (ratios['lab + UI'] as Spread).median <= GOAL;
    figures[`c${concurrency}`] = { cpuPerRtMicros: per(cpu), roundTripsPerS: per(rate), ratioToBare: ratios };
    rows.push([
      String(concurrency),
      formatSpread(rate('bare'), 0),
      formatSpread(rate('lab + UI'), 0),
      formatSpread(cpu('bare')),
      formatSpread(cpu('lab + UI')),
      `**${formatSpread(ratio('lab + UI'), 2)}**`,
      formatSpread(ratio('lab + WS reader'), 2),
      formatSpread(ratio('lab, no UI'), 2),
      formatSpread(ratio('echo + log'), 2),
      formatSpread(ratio('echo, log stubbed'), 2),
    ]);
  }
  return {
    id: 'echo-overhead',
    title: '1. Echo overhead: server CPU per round trip, lab vs a bare net server',
    goal: `lab + UI ≤ ${GOAL} × bare (median of per-round ratios), every reply correct`,
    met: quick ? null : met,
    correct: allRepliesRight(replies),
    table: {
      columns: [
        'concurrency',
        'bare rt/s',
        'lab + UI rt/s',
        'bare µs CPU/rt',
        'lab + UI µs CPU/rt',
        'lab + UI ÷ bare',
        'lab + WS reader ÷ bare',
        'lab, no UI ÷ bare',
        'echo + log ÷ bare',
        'echo, log stubbed ÷ bare',
      ],
      rows,
    },
    figures: { ...figures, replies, uiEvents, roundTripsPerRun: count },
    notes: [
      `${count.toLocaleString('en')} round trips per server per round, from a separate load-generator process (connect, send \`bench-<n>\`, read the reply, close); CPU is process.cpuUsage() of each server's own process, all threads. The servers take turns, in a rotating order.`,
      '“lab” is the whole engine and web host (createLab + startWebHost), with a Chromium page attached for “lab + UI”, and a plain WebSocket client in the bench process for “lab + WS reader” (what the host spends sending, without a page competing for the 2 cores); “echo + log” is the echo server with the real event log alone; “echo, log stubbed” is the echo server whose log.append does nothing.',
      `${describeReplies(replies)}; the attached page received ${uiEvents.toLocaleString('en')} events.`,
    ],
  };
}

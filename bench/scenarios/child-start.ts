// What one Node child costs: the lab's own way of starting one (forkWithNode, the desktop app's way too).
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { forkWithNode } from '../../main/engine/child-process';
import type { BenchContext } from '../context';
import type { ScenarioResult } from '../results';
import { formatSpread, spread } from '../stats';

const STARTS_PER_ROUND = 10;

/** Resident memory of a live process, in MB, from /proc (Linux only). */
function rssMb(pid: number): number {
  try {
    const line = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return line ? Number(line[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Starts a signal target, times it from spawn to its "ready" line, reads its RSS, then ends it. */
async function startOne(script: string): Promise<{ ms: number; rss: number }> {
  const started = performance.now();
  const child = forkWithNode(script, ['SIGUSR2']);
  if (!child.stdout) throw new Error('the child has no stdout');
  const lines = createInterface({ input: child.stdout });
  const [line] = (await once(lines, 'line')) as [string];
  const ms = performance.now() - started;
  if (!line.startsWith('ready')) throw new Error(`unexpected first line: ${line}`);
  const rss = child.pid === undefined ? Number.NaN : rssMb(child.pid);
  const exited = once(child as unknown as NodeJS.EventEmitter, 'exit');
  process.kill(child.pid ?? 0, 'SIGTERM');
  await exited;
  return { ms, rss };
}

export async function childStart(ctx: BenchContext): Promise<ScenarioResult> {
  const script = path.join(ctx.options.out, 'children/signal-target.cjs');
  const starts = ctx.options.quick ? 3 : STARTS_PER_ROUND * ctx.options.rounds;
  const ms: number[] = [];
  const rss: number[] = [];
  for (let i = 0; i < starts; i++) {
    ctx.progress(`child start ${i + 1}/${starts}`);
    const one = await startOne(script);
    ms.push(one.ms);
    rss.push(one.rss);
  }
  return {
    id: 'child-start',
    title: 'Child start: one Node client process, started as the lab starts it',
    goal: 'none: the cost of a process-mode client, for the desktop spawner choice',
    met: null,
    correct: ms.every(Number.isFinite),
    table: {
      columns: ['starts', 'spawn to ready, ms', 'RSS when ready, MB'],
      rows: [[String(starts), formatSpread(spread(ms)), formatSpread(spread(rss))]],
    },
    figures: { ms, rss },
    notes: [
      'Each start is the lab\'s forkWithNode of out/children/signal-target.cjs, timed to its "ready" line.',
      "Electron's utilityProcess cannot be started here (no Electron binary); each of those is a Chromium child process on top of this.",
    ],
  };
}

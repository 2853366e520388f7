// The bench: runs the scenarios of issue 5 and writes bench/results.json and bench/results.md.
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser';
import type { BenchContext } from './context';
import { describeMachine, loadAverage } from './machine';
import { readOptions, type ScenarioId, USAGE } from './options';
import { type BenchResults, printResult, type ScenarioResult, withEarlier, writeResults } from './results';
import { SCENARIOS } from './scenarios';

/** A scenario that threw still gets a row in the results, saying why. */
function failed(id: ScenarioId, error: unknown): ScenarioResult {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return {
    id,
    title: `${id}: failed`,
    goal: 'run to the end',
    met: false,
    correct: false,
    table: { columns: ['error'], rows: [[message.split('\n')[0] ?? message]] },
    figures: { error: message },
    notes: [],
  };
}

async function main(): Promise<number> {
  const options = readOptions(process.argv.slice(2));
  if (options.help) {
    console.log(USAGE);
    return 0;
  }
  const began = performance.now();
  const startedAt = new Date().toISOString();
  let browser: Browser | null = null;
  let launching: Promise<Browser> | null = null;
  const ctx: BenchContext = {
    options,
    browser: () => {
      launching ??= launchChromium().then((launched) => {
        browser = launched;
        return launched;
      });
      return launching;
    },
    progress: (text) => process.stderr.write(`  … ${text}\n`),
  };
  const machine = describeMachine(null);
  const scenarios: ScenarioResult[] = [];
  try {
    for (const id of options.only) {
      ctx.progress(`scenario ${id}`);
      const result = await SCENARIOS[id](ctx).catch((error: unknown) => failed(id, error));
      printResult(result);
      scenarios.push(result);
    }
  } finally {
    machine.chromium = (browser as Browser | null)?.version() ?? null;
    await (browser as Browser | null)?.close();
  }
  machine.loadEnd = loadAverage();
  const args = process.argv
    .slice(2)
    .filter(
      (arg, i, all) => !['--out', '--root'].includes(all[i - 1] ?? '') && !['--out', '--root'].includes(arg),
    );
  const command = `npm run bench${args.length > 0 ? ` -- ${args.join(' ')}` : ''}`;
  const measured: BenchResults = {
    startedAt,
    durationS: (performance.now() - began) / 1_000,
    quick: options.quick,
    rounds: options.rounds,
    command,
    machine,
    scenarios,
  };
  // A quick run writes elsewhere and is not to be quoted: it keeps nothing of earlier runs.
  const results = options.quick ? measured : await withEarlier(options.resultsDir, measured);
  const written = await writeResults(options.resultsDir, results);
  console.log(`\nWrote ${written.join(' and ')} (${results.durationS.toFixed(0)} s).`);
  const broken = scenarios.filter((result) => !result.correct).map((result) => result.id);
  if (broken.length > 0) console.error(`Not correct: ${broken.join(', ')}`);
  return broken.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : error);
    process.exit(1);
  },
);

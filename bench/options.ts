import path from 'node:path';
import { parseArgs } from 'node:util';

export const SCENARIO_IDS = [
  'echo-overhead',
  'echo-blackbox',
  'events-to-pixels',
  'timeline-scale',
  'memory',
  'spawn-to-screen',
  'idle-cost',
  'child-start',
  'strace-parse',
  'trace-slowdown',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export const USAGE = `npm run bench [-- options]
  --quick            every scenario briefly (under a minute): checks the harness, figures not to quote
  --rounds N         interleaved rounds per figure (default 5; 1 with --quick)
  --only A,B         some scenarios: ${SCENARIO_IDS.join(', ')}
  --results-dir DIR  where results.json and results.md go (default bench/, or <out>/bench with --quick)
  --cpu-prof DIR     run the measured servers with --cpu-prof, profiles into DIR`;

export interface BenchOptions {
  help: boolean;
  /** Every scenario, briefly: checks that the harness works, measures nothing worth quoting. */
  quick: boolean;
  rounds: number;
  only: ScenarioId[];
  /** The built app (IPC_SCOPE_OUT or out/). */
  out: string;
  /** Where the bundled bench lives: <out>/bench. */
  benchOut: string;
  root: string;
  /** Where results.json and results.md go. */
  resultsDir: string;
  /** When set, the lab and bare servers run with --cpu-prof and write their profiles here. */
  profileDir: string | null;
}

function scenarioList(text: string | undefined): ScenarioId[] {
  if (text === undefined) return [...SCENARIO_IDS];
  const wanted = text.split(',').map((part) => part.trim());
  for (const id of wanted) {
    if (!(SCENARIO_IDS as readonly string[]).includes(id)) {
      throw new Error(`unknown scenario "${id}"; pick from ${SCENARIO_IDS.join(', ')}`);
    }
  }
  return wanted as ScenarioId[];
}

export function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      quick: { type: 'boolean', default: false },
      rounds: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      root: { type: 'string' },
      'results-dir': { type: 'string' },
      'cpu-prof': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  const root = path.resolve(values.root ?? '.');
  const out = path.resolve(values.out ?? path.join(root, 'out'));
  const quick = values.quick ?? false;
  const rounds = values.rounds === undefined ? (quick ? 1 : 5) : Number(values.rounds);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw new Error('--rounds must be 1 to 50');
  // A quick run must not overwrite the figures the README quotes.
  const resultsDir = values['results-dir'] ?? (quick ? path.join(out, 'bench') : path.join(root, 'bench'));
  return {
    help: values.help ?? false,
    quick,
    rounds,
    only: scenarioList(values.only),
    out,
    benchOut: path.join(out, 'bench'),
    root,
    resultsDir: path.resolve(resultsDir),
    profileDir: values['cpu-prof'] === undefined ? null : path.resolve(values['cpu-prof']),
  };
}

/** Node flags for a measured process: a CPU profile per process when --cpu-prof DIR was given. */
export function profileFlags(options: BenchOptions): string[] {
  return options.profileDir === null ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`];
}

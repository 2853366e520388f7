// How fast the strace parser reads: the stress fixture repeated to ~1M lines, fed in 64 KB chunks as a pipe
// would give them, the records counted and dropped (the lab will turn them into events as they come).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createStraceParser } from '../../main/engine/trace/strace-parse';
import type { BenchContext } from '../context';
import type { ScenarioResult } from '../results';
import { formatSpread, spread } from '../stats';

const CHUNK = 65_536;

function parseOnce(input: Buffer): { ms: number; records: number; unparsed: number } {
  const started = performance.now();
  const parser = createStraceParser();
  let records = 0;
  let unparsed = 0;
  const count = (batch: ReturnType<typeof parser.end>) => {
    records += batch.length;
    for (const record of batch) if (record.kind === 'unparsed') unparsed++;
  };
  for (let at = 0; at < input.length; at += CHUNK) count(parser.push(input.subarray(at, at + CHUNK)));
  count(parser.end());
  return { ms: performance.now() - started, records, unparsed };
}

export async function straceParse(ctx: BenchContext): Promise<ScenarioResult> {
  const fixture = readFileSync(path.join(ctx.options.root, 'tests/fixtures/strace/stress.txt'), 'utf8');
  const fixtureLines = fixture.split('\n').length - 1;
  const wanted = ctx.options.quick ? 100_000 : 1_000_000;
  const copies = Math.ceil(wanted / fixtureLines);
  const input = Buffer.from(fixture.repeat(copies));
  const lines = fixtureLines * copies;
  const rounds = ctx.options.quick ? 1 : ctx.options.rounds;
  const perSecond: number[] = [];
  const mbPerSecond: number[] = [];
  let correct = true;
  parseOnce(input.subarray(0, CHUNK * 16)); // warm the JIT up before the timed rounds
  for (let round = 0; round < rounds; round++) {
    ctx.progress(`strace parse round ${round + 1}/${rounds}`);
    const { ms, records, unparsed } = parseOnce(input);
    const perCopy = parseOnce(Buffer.from(fixture)).records;
    correct &&= unparsed === 0 && records === perCopy * copies;
    perSecond.push(lines / (ms / 1_000));
    mbPerSecond.push(input.length / 1e6 / (ms / 1_000));
  }
  return {
    id: 'strace-parse',
    title: 'strace parse: the stress fixture, repeated, through the streaming parser',
    goal: 'none here, figures only (issue 14 asks for 200,000 lines/s or more)',
    met: null,
    correct,
    table: {
      columns: ['lines', 'MB', 'lines/s (thousands)', 'MB/s'],
      rows: [
        [
          String(lines),
          (input.length / 1e6).toFixed(1),
          formatSpread(spread(perSecond.map((x) => x / 1_000)), 0),
          formatSpread(spread(mbPerSecond), 1),
        ],
      ],
    },
    figures: { lines, bytes: input.length, perSecond, mbPerSecond },
    notes: [
      `tests/fixtures/strace/stress.txt (${fixtureLines} lines: short writes and reads on a pipe, about half split into unfinished and resumed) repeated ${copies} times, pushed in 64 KB chunks.`,
      '"correct" means no line came out unparsed and each copy gave the same number of records.',
    ],
  };
}

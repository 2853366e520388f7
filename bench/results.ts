import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MachineInfo } from './machine';
import { SCENARIO_IDS, type ScenarioId } from './options';

export interface Table {
  columns: string[];
  rows: string[][];
}

export interface ScenarioResult {
  id: ScenarioId;
  title: string;
  goal: string;
  /** Measured against the goal; null when it could not be (the UI it needs is missing, or a quick run). */
  met: boolean | null;
  /** Every reply correct and no event lost: what the quick run asserts. */
  correct: boolean;
  table: Table;
  /** The raw figures behind the table. */
  figures: Record<string, unknown>;
  notes: string[];
  /** Set on a scenario kept from an earlier run, when a later run measured only others: when and how it ran. */
  earlier?: EarlierRun;
}

export interface EarlierRun {
  startedAt: string;
  command: string;
  loadStart: number;
  loadEnd: number | null;
}

export interface BenchResults {
  startedAt: string;
  durationS: number;
  quick: boolean;
  rounds: number;
  command: string;
  machine: MachineInfo;
  scenarios: ScenarioResult[];
}

function verdict(result: ScenarioResult): string {
  const correct = result.correct ? '' : ' — **NOT CORRECT** (wrong replies or lost events)';
  if (result.met === null) return `not judged${correct}`;
  return `${result.met ? 'met' : '**missed**'}${correct}`;
}

function markdownTable({ columns, rows }: Table): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(columns), line(columns.map(() => '---')), ...rows.map(line)].join('\n');
}

/**
 * A run of some scenarios (--only) keeps the others' tables from the results it replaces, each marked with the
 * run that measured it, so the file still holds every scenario's latest figures.
 */
export async function withEarlier(dir: string, results: BenchResults): Promise<BenchResults> {
  let previous: BenchResults;
  try {
    previous = JSON.parse(await readFile(path.join(dir, 'results.json'), 'utf8')) as BenchResults;
  } catch {
    return results;
  }
  const ran = new Set(results.scenarios.map((scenario) => scenario.id));
  const kept = previous.scenarios
    .filter((scenario) => !ran.has(scenario.id))
    .map((scenario) => ({
      ...scenario,
      earlier: scenario.earlier ?? {
        startedAt: previous.startedAt,
        command: previous.command,
        loadStart: previous.machine.loadStart,
        loadEnd: previous.machine.loadEnd,
      },
    }));
  const order = (scenario: ScenarioResult) => SCENARIO_IDS.indexOf(scenario.id);
  return { ...results, scenarios: [...results.scenarios, ...kept].sort((a, b) => order(a) - order(b)) };
}

function earlierLine({ startedAt, command, loadStart, loadEnd }: EarlierRun): string {
  const load = `load average ${loadStart.toFixed(2)} → ${loadEnd?.toFixed(2) ?? '?'}`;
  return `Kept from an earlier run: \`${command}\` on ${startedAt} (${load}).`;
}

export function toMarkdown(results: BenchResults): string {
  const m = results.machine;
  const lines = [
    `# Benchmark results${results.quick ? ' (quick run: not figures to quote)' : ''}`,
    '',
    `\`${results.command}\` on ${results.startedAt}, ${results.durationS.toFixed(0)} s.`,
    '',
    `- Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}`,
    `- Node ${m.node}, Chromium ${m.chromium ?? 'not found'}`,
    `- Load average (1 min): ${m.loadStart.toFixed(2)} at the start, ${m.loadEnd?.toFixed(2) ?? '?'} at the end`,
    `- ${results.rounds} interleaved round(s) per figure; cells are median (min–max)`,
  ];
  for (const result of results.scenarios) {
    lines.push('', `## ${result.title}`, '');
    if (result.earlier) lines.push(earlierLine(result.earlier), '');
    lines.push(`Goal: ${result.goal}. Verdict: ${verdict(result)}.`, '');
    lines.push(markdownTable(result.table));
    if (result.notes.length > 0) lines.push('', ...result.notes.map((note) => `- ${note}`));
  }
  return `${lines.join('\n')}\n`;
}

function textTable({ columns, rows }: Table): string {
  const widths = columns.map((column, i) => Math.max(column.length, ...rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function printResult(result: ScenarioResult): void {
  console.log(`\n${result.title}\n  goal: ${result.goal}; ${verdict(result).replaceAll('**', '')}`);
  console.log(textTable(result.table).replace(/^/gm, '  '));
  for (const note of result.notes) console.log(`  - ${note}`);
}

export async function writeResults(dir: string, results: BenchResults): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const json = path.join(dir, 'results.json');
  const md = path.join(dir, 'results.md');
  await writeFile(json, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(md, toMarkdown(results));
  return [json, md];
}

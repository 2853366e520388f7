import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { MachineInfo } from './machine';
import type { ScenarioId } from './options';

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
    lines.push('', `## ${result.title}`, '', `Goal: ${result.goal}. Verdict: ${verdict(result)}.`, '');
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

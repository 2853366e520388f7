import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '../../bench/options';
import type { BenchResults } from '../../bench/results';
import { SCENARIOS } from '../../bench/scenarios';
import { outDir, repoRoot } from '../paths';
import { TEST_TIMEOUT, TIMEOUT } from '../timeouts';

// `npm run bench -- --quick`, so the harness cannot rot. It checks that every scenario ran and every reply
// was correct; it never asserts on speed (that is what the bench itself reports). It has a Vitest project of
// its own, run after the others (vite.config.ts): its load must not slow the tests that wait on time.
/** The bench is killed before its test gives up, with time left to say what it printed. */
const KILL_AFTER_MS = TEST_TIMEOUT.slowest - TIMEOUT.stop;

function runQuickBench(resultsDir: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bench/run.mjs', '--quick', '--results-dir', resultsDir], {
      cwd: repoRoot,
      env: { ...process.env, IPC_SCOPE_OUT: outDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('npm run bench -- --quick', () => {
  let resultsDir = '';

  afterAll(async () => {
    if (resultsDir) await rm(resultsDir, { recursive: true, force: true });
  });

  it(
    'runs every scenario once, with every reply correct and no event lost',
    async () => {
      resultsDir = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-bench-'));
      const { code, output } = await runQuickBench(resultsDir);
      expect(code, output).toBe(0);
      const results = JSON.parse(
        await readFile(path.join(resultsDir, 'results.json'), 'utf8'),
      ) as BenchResults;
      expect(results.quick).toBe(true);
      expect(results.scenarios.map((scenario) => scenario.id)).toEqual([...SCENARIO_IDS]);
      expect(Object.keys(SCENARIOS).sort()).toEqual([...SCENARIO_IDS].sort());
      for (const scenario of results.scenarios) {
        expect(scenario.correct, `${scenario.id}: ${scenario.notes.join(' ')}`).toBe(true);
        expect(scenario.table.rows.length, scenario.id).toBeGreaterThan(0);
      }
      expect(await readFile(path.join(resultsDir, 'results.md'), 'utf8')).toContain('# Benchmark results');
    },
    TEST_TIMEOUT.slowest,
  );
});

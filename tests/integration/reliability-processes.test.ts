// Faults around processes: missing python, scripts that cannot run, children that crash or will not quit,
// grandchildren, and a lab that quits with 200 children: nothing is left behind, everything is reaped.
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LabEvent, Reply } from '../../contract';
import { createLab, type Lab, type LabOptions } from '../../main/engine/lab';
import { exitText } from '../../renderer/src/lib/format';
import { labApp } from '../lab-app';
import { childrenDir, repoRoot } from '../paths';
import { pause, TEST_TIMEOUT, TIMEOUT, waitFor } from '../timeouts';
import { labSocket, ofKind, type Serve, sessionBridge, spawnServe } from './reliability-helpers';
import {
  descendantsOf,
  orphansMentioning,
  type ProcStat,
  procStat,
  survivors,
  unreapedChildrenOf,
} from './reliability-proc';

const node = process.execPath;
const fixture = (name: string) => path.join(repoRoot, 'tests/fixtures', name);

interface Rig {
  lab: Lab;
  events: LabEvent[];
  dispatch(name: string, payload: unknown): Promise<Reply<unknown>>;
  shutdown(): Promise<void>;
}

const rigs: Rig[] = [];
const serves: Serve[] = [];
let tmp: string | null = null;

afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.shutdown();
  for (const serve of serves.splice(0)) {
    if (serve.child.exitCode === null && serve.child.signalCode === null) serve.child.kill('SIGINT');
    await serve.exited;
  }
  if (tmp) await rm(tmp, { recursive: true, force: true });
  tmp = null;
});

async function startLab(options: Partial<LabOptions> = {}): Promise<Rig> {
  const lab = createLab({ host: 'web', childrenDir, echo: { port: 0 }, shutdownGraceMs: 500, ...options });
  const events: LabEvent[] = [];
  lab.log.tap((event) => events.push(event));
  await lab.start();
  const { session } = sessionBridge(lab);
  let down: Promise<void> | null = null;
  const rig: Rig = {
    lab,
    events,
    dispatch: (name, payload) => session.dispatch(name, payload),
    shutdown: () => {
      down ??= lab.shutdown().finally(() => session.close());
      return down;
    },
  };
  rigs.push(rig);
  return rig;
}

async function runScript(
  rig: Rig,
  payload: Record<string, unknown>,
): Promise<{ scriptId: number; pid: number }> {
  const reply = await rig.dispatch('script:run', { mode: 'pipe', ...payload });
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as { scriptId: number; pid: number };
}

function exitOf(rig: Rig, scriptId: number, ms: number = TIMEOUT.child) {
  return waitFor(
    () => ofKind(rig.events, 'script:exit').find((event) => event.scriptId === scriptId),
    `script ${scriptId} to exit`,
    ms,
  );
}

function outputOf(rig: Rig, scriptId: number, stream: 'stdout' | 'stderr'): string {
  return ofKind(rig.events, 'script:output')
    .filter((event) => event.scriptId === scriptId && event.stream === stream)
    .map((event) => event.text)
    .join('');
}

function printed(rig: Rig, scriptId: number, text: string) {
  return waitFor(
    () => (outputOf(rig, scriptId, 'stdout').includes(text) ? true : undefined),
    `"${text}"`,
    TIMEOUT.child,
  );
}

describe('faults around processes', () => {
  it('disables python mode with the reason when the python it is given is missing or not executable', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-python-'));
    const notExecutable = path.join(tmp, 'python3');
    await writeFile(notExecutable, '#!/bin/sh\necho never\n', { mode: 0o644 });
    const before = process.env.IPC_SCOPE_PYTHON;
    try {
      for (const [python, reason] of [
        ['/nonexistent/ipc-scope/python3', 'IPC_SCOPE_PYTHON (/nonexistent/ipc-scope/python3) was not found'],
        [notExecutable, `IPC_SCOPE_PYTHON (${notExecutable}) is not executable`],
      ] as const) {
        process.env.IPC_SCOPE_PYTHON = python;
        const rig = await startLab();
        // Looked for only when first used: on a Mac without the developer tools, python3 pops up a dialog.
        expect(rig.lab.info().modes.find((mode) => mode.mode === 'python')?.detail).toBe(
          'python3, looked for when first used',
        );
        expect(await rig.dispatch('clients:spawn', { count: 1, mode: 'python' })).toEqual({
          ok: false,
          error: reason,
        });
        expect(rig.lab.info().modes.find((mode) => mode.mode === 'python')).toEqual({
          mode: 'python',
          available: false,
          detail: reason,
        });
        expect(await rig.dispatch('clients:spawn', { count: 1, mode: 'process' })).toMatchObject({
          ok: true,
        });
        await rig.shutdown();
      }
    } finally {
      if (before === undefined) delete process.env.IPC_SCOPE_PYTHON;
      else process.env.IPC_SCOPE_PYTHON = before;
    }
  });

  it('refuses a script that is missing, not on PATH, not executable or a folder, and runs the next one', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-scripts-'));
    const plain = path.join(tmp, 'plain.sh');
    await writeFile(plain, '#!/bin/sh\necho hi\n');
    await chmod(plain, 0o644);
    const rig = await startLab();
    const refusals = await Promise.all(
      ['/nonexistent/ipc-scope/run.sh', 'ipc-scope-no-such-command', plain, tmp].map((argv0) =>
        rig.dispatch('script:run', { argv: [argv0], mode: 'pipe' }),
      ),
    );
    expect(refusals).toEqual([
      { ok: false, error: 'cannot run "/nonexistent/ipc-scope/run.sh": no such file (ENOENT)' },
      { ok: false, error: 'cannot run "ipc-scope-no-such-command": command not found (ENOENT)' },
      { ok: false, error: `cannot run "${plain}": permission denied (EACCES)` },
      { ok: false, error: `cannot run "${tmp}": permission denied (EACCES)` },
    ]);
    expect(ofKind(rig.events, 'script:error')).toHaveLength(4);
    expect(rig.lab.registry.list()).toEqual([]);
    const { scriptId } = await runScript(rig, { argv: [node, fixture('print-argv.mjs'), 'after'] });
    expect(await exitOf(rig, scriptId)).toMatchObject({ code: 0, signal: null });
    expect((await rig.dispatch('lab:hello', {})).ok).toBe(true);
  });

  it('shows the exit code of a crash and the signal of a segfault or a kill, in the events and the UI', async () => {
    const rig = await startLab();
    const { store, files } = labApp(sessionBridge(rig.lab).bridge);
    const stopStore = files.startLive();
    try {
      const crash = await runScript(rig, { argv: [node, fixture('crash.mjs')] });
      const segfault = await runScript(rig, { argv: [node, fixture('segfault.mjs')] });
      const sleeper = await runScript(rig, { argv: [node, fixture('sleep-forever.mjs')] });
      await printed(rig, sleeper.scriptId, 'ready');
      expect(await rig.dispatch('signal:send', { signal: 'SIGKILL', target: sleeper.pid })).toEqual({
        ok: true,
        value: { pid: sleeper.pid },
      });
      expect(await exitOf(rig, crash.scriptId)).toMatchObject({ code: 1, signal: null });
      expect(outputOf(rig, crash.scriptId, 'stderr')).toContain('boom: an uncaught error');
      expect(await exitOf(rig, segfault.scriptId)).toMatchObject({ code: null, signal: 'SIGSEGV' });
      expect(await exitOf(rig, sleeper.scriptId)).toMatchObject({ code: null, signal: 'SIGKILL' });
      const shown = (scriptId: number) => {
        const exit = store.getState().scripts.get(scriptId)?.exit;
        return exit ? exitText(exit) : undefined;
      };
      expect(await waitFor(() => shown(crash.scriptId), 'the crash in the store', TIMEOUT.child)).toBe(
        'exited with code 1',
      );
      expect(await waitFor(() => shown(segfault.scriptId), 'the segfault', TIMEOUT.child)).toBe(
        'killed by SIGSEGV',
      );
      expect(await waitFor(() => shown(sleeper.scriptId), 'the kill', TIMEOUT.child)).toBe(
        'killed by SIGKILL',
      );
    } finally {
      stopStore();
    }
  });

  it('escalates to SIGKILL, after the grace period, a child that ignores SIGTERM when the lab quits', async () => {
    const rig = await startLab({ shutdownGraceMs: 600 });
    const { scriptId, pid } = await runScript(rig, { argv: [node, fixture('ignore-sigterm.mjs')] });
    await printed(rig, scriptId, 'ready');
    const before = procStat(pid)!;
    const started = Date.now();
    await rig.shutdown();
    expect(Date.now() - started).toBeGreaterThanOrEqual(550);
    expect(outputOf(rig, scriptId, 'stdout')).toContain('ignored SIGTERM');
    expect(ofKind(rig.events, 'script:exit')).toEqual([
      expect.objectContaining({ scriptId, pid, code: null, signal: 'SIGKILL' }),
    ]);
    expect(await survivors([before])).toEqual([]);
  });

  it("ends a script's grandchildren with it: sh -c 'sleep 100 & sleep 100' leaves nothing", async () => {
    const rig = await startLab();
    const { pid } = await runScript(rig, { argv: ['sh', '-c', 'sleep 100 & sleep 100'] });
    // dash may exec the last sleep in place of the shell, so the script itself can be one of them.
    const family = await waitFor(
      () => {
        const all = [procStat(pid), ...descendantsOf(pid)].filter((proc): proc is ProcStat => proc !== null);
        return all.filter((proc) => proc.comm === 'sleep').length === 2 ? all : undefined;
      },
      'two sleeping processes',
      TIMEOUT.child,
    );
    expect(family.every((proc) => proc.pgrp === pid)).toBe(true); // a process group of its own
    await rig.shutdown();
    expect(await survivors(family)).toEqual([]);
    expect(unreapedChildrenOf(process.pid)).toEqual([]);
  });

  it('ends a grandchild still running after its script has exited', async () => {
    const rig = await startLab();
    const { scriptId, pid } = await runScript(rig, { argv: ['sh', '-c', 'sleep 100 & echo $!'] });
    const sleepPid = Number(
      await waitFor(() => /^\d+/.exec(outputOf(rig, scriptId, 'stdout'))?.[0], 'its pid', TIMEOUT.child),
    );
    await waitFor(
      () => (procStat(pid) === null ? true : undefined),
      'the script to exit and be reaped',
      TIMEOUT.child,
    );
    // Forked by sh, it is still called sh until it has exec'd sleep.
    const orphan = await waitFor(
      () => {
        const proc = procStat(sleepPid);
        return proc?.comm === 'sleep' ? proc : undefined;
      },
      'the background sleep',
      TIMEOUT.child,
    );
    expect(orphan.pgrp).toBe(pid);
    await rig.shutdown();
    expect(await survivors([orphan])).toEqual([]);
  });

  it('accounts for and kills children started while the lab quits: a 200-client launch, a late target', async () => {
    const rig = await startLab();
    const procs: ProcStat[] = [];
    rig.lab.log.tap((event) => {
      if (event.kind === 'client:spawn' || event.kind === 'target:spawn') procs.push(procStat(event.pid)!);
    });
    const launching = rig.dispatch('clients:spawn', { count: 200, mode: 'process' });
    await waitFor(() => (procs.length >= 3 ? true : undefined), 'the launch to begin', TIMEOUT.child);
    const quitting = rig.shutdown();
    expect((await launching).ok).toBe(true);
    const late = rig.dispatch('signal:spawn-target', { signal: 'SIGUSR1' });
    await quitting;
    expect(procs.length).toBeLessThan(200); // the launch stopped when the echo server did
    // Every client of the run is accounted for: started and exited, or never started, with a reason.
    const exits = ofKind(rig.events, 'client:exit');
    expect(new Set(exits.map((event) => event.clientId)).size).toBe(200);
    expect(exits).toHaveLength(200);
    const spawned = ofKind(rig.events, 'client:spawn').length;
    expect(exits.filter((event) => event.pid === 0)).toHaveLength(200 - spawned);
    expect(await late).toMatchObject({
      ok: false,
      error: expect.stringContaining('exited before it was ready'),
    });
    expect(await survivors(procs.filter(Boolean))).toEqual([]);
    expect(unreapedChildrenOf(process.pid)).toEqual([]);
    expect(rig.lab.registry.list()).toEqual([]);
  });
});

// Its limit is a bound, not a speed target: 200 Node processes start on two shared cores.
describe('faults around processes: the web host process (out/web/serve.mjs)', {
  timeout: TEST_TIMEOUT.heavy,
}, () => {
  async function serveWith(args: string[] = [], options: Parameters<typeof spawnServe>[1] = {}) {
    const serve = await spawnServe(['--echo-port', '0', '--ui-port', '0', ...args], options);
    serves.push(serve);
    return serve;
  }

  it('disables python mode with its reason when python3 is not on PATH', async () => {
    tmp = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-no-python-'));
    const env: NodeJS.ProcessEnv = { ...process.env, PATH: tmp };
    delete env.IPC_SCOPE_PYTHON;
    const serve = await serveWith([], { env });
    const lab = await labSocket(serve.uiUrl);
    const modesNow = async () => {
      const hello = await lab.command('lab:hello', {});
      return hello.ok ? (hello.value as { info: { modes: unknown[] } }).info.modes : [];
    };
    expect(await modesNow()).toContainEqual({
      mode: 'python',
      available: true,
      detail: 'python3, looked for when first used',
    });
    expect(await lab.command('clients:spawn', { count: 1, mode: 'python' })).toEqual({
      ok: false,
      error: 'python3 was not found on PATH',
    });
    expect(await modesNow()).toContainEqual({
      mode: 'python',
      available: false,
      detail: 'python3 was not found on PATH',
    });
    lab.close();
  });

  it('leaves no process behind after Ctrl-C, with 200 clients, scripts, grandchildren and a stubborn child', async () => {
    const marker = `ipc-scope-orphan-check-${process.pid}-${Date.now()}`;
    const serve = await serveWith([], { detached: true });
    const lab = await labSocket(serve.uiUrl);
    expect((await lab.command('lab:hello', {})).ok).toBe(true);
    const sleeper = `"${node}" "${fixture('sleep-forever.mjs')}" ${marker}`;
    const scripts = [
      { argv: ['sh', '-c', `sleep 100 & sleep 100 & wait # ${marker}`], mode: 'pipe' },
      { argv: [node, fixture('ignore-sigterm.mjs'), marker], mode: 'pipe' },
      { argv: [node, fixture('sleep-forever.mjs'), marker], mode: 'socket' },
      { argv: ['sh', '-c', `${sleeper} & echo started`], mode: 'pipe' },
      { argv: [`${sleeper} & ${sleeper}`], mode: 'pipe', shell: true },
    ];
    for (const script of scripts) expect(await lab.command('script:run', script)).toMatchObject({ ok: true });
    expect(await lab.command('signal:spawn-target', { signal: 'SIGUSR1' })).toMatchObject({ ok: true });
    expect(
      await lab.command('clients:spawn', { count: 200, mode: 'process' }, TIMEOUT.manyChildren),
    ).toMatchObject({
      ok: true,
    });
    await waitFor(
      () =>
        lab.events.some((event) => event.kind === 'script:output' && event.text.includes('ready')) ||
        undefined,
      'the stubborn child to be ready',
      TIMEOUT.child,
    );
    const family = descendantsOf(serve.pid);
    expect(family.length).toBeGreaterThan(8);
    const direct = family.filter((proc) => proc.ppid === serve.pid);

    process.kill(-serve.pid, 'SIGINT'); // what Ctrl-C in its terminal does: SIGINT to the whole foreground group
    expect(await serve.exited).toBe(0);
    expect(serve.lines).toContain('SIGINT: stopping the lab…');
    expect(await survivors(family, TIMEOUT.stop)).toEqual([]);
    // Its own children were reaped before it exited: none is left as a zombie for init to adopt.
    const zombies = direct.filter((proc) => procStat(proc.pid)?.startTime === proc.startTime);
    expect(zombies).toEqual([]);
    expect(orphansMentioning(marker)).toEqual([]);
    expect(orphansMentioning(childrenDir)).toEqual([]);
    lab.close();
  });

  it('caps a 50 MB stdout flood, counts the loss, stays responsive and keeps its memory bounded', async () => {
    const serve = await serveWith();
    const lab = await labSocket(serve.uiUrl);
    expect((await lab.command('lab:hello', {})).ok).toBe(true);
    const total = 50_000_000;
    const run = await lab.command('script:run', {
      argv: ['sh', fixture('flood.sh'), String(total)],
      mode: 'pipe',
    });
    expect(run.ok).toBe(true);
    const { scriptId } = (run as { value: { scriptId: number } }).value;
    const ended = () =>
      lab.events.find((event) => event.kind === 'script:exit' && event.scriptId === scriptId);
    let answeredDuringFlood = 0;
    for (let asked = 0; !ended() && asked < 2_000; asked++) {
      // The lab answers while it drains the flood: a hello is the heaviest command there is.
      const hello = await lab.command('lab:hello', {}, TIMEOUT.io);
      expect(hello.ok).toBe(true);
      if (!ended()) answeredDuringFlood += 1;
      await pause(50, 'the hellos are spread over the flood, not all asked at its start');
    }
    expect(answeredDuringFlood).toBeGreaterThan(0);
    expect(ended()).toMatchObject({ code: 0, signal: null });
    const ofScript = lab.events.filter((event) => 'scriptId' in event && event.scriptId === scriptId);
    const kept = ofScript.reduce(
      (sum, event) =>
        sum + (event.kind === 'script:output' && event.stream === 'stdout' ? event.text.length : 0),
      0,
    );
    const drops = ofScript.filter((event) => event.kind === 'script:dropped');
    const last = drops.at(-1);
    expect(last).toMatchObject({ stream: 'stdout', limit: 4 * 1024 * 1024 });
    expect(kept).toBe(4 * 1024 * 1024);
    expect(kept + (last?.kind === 'script:dropped' ? last.bytes : 0)).toBe(total);
    const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${serve.pid}/status`, 'utf8'))?.[1]);
    expect(peakKiB / 1024).toBeLessThan(300); // MiB, peak RSS: the 50 MB never sits in memory (~130 seen)
    lab.close();
  });
});

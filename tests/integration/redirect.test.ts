import { existsSync, realpathSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LabEvent, LabEventKind, LabEventOf } from '../../contract';
import { createClock } from '../../main/engine/clock';
import { createCounter } from '../../main/engine/counter';
import { createEventLog, type EventLog } from '../../main/engine/event-log';
import { createProcessRegistry, type ProcessRegistry } from '../../main/engine/process-registry';
import { findPython } from '../../main/engine/python';
import { createRedirector, type Redirector, type RunRequest } from '../../main/engine/redirect';
import { repoRoot } from '../paths';
import { TIMEOUT, waitFor as waitUpTo } from '../timeouts';

const sh = ['/bin/sh', '/usr/bin/sh'].find((candidate) => existsSync(candidate)) ?? '/bin/sh';
const node = process.execPath;
const fixture = (name: string) => path.join(repoRoot, 'tests/fixtures', name);
const MiB = 1024 * 1024;

let log: EventLog;
let registry: ProcessRegistry;
let redirector: Redirector;
let events: LabEvent[];
let tmp: string | null = null;

function open(maxOutputBytes?: number, maxScripts?: number): void {
  redirector = createRedirector({
    log,
    registry,
    nextConnId: createCounter(),
    nextScriptId: createCounter(),
    maxOutputBytes,
    maxScripts,
  });
}

beforeEach(() => {
  log = createEventLog({ clock: createClock() });
  registry = createProcessRegistry();
  events = [];
  log.tap((event) => events.push(event));
  open();
});

afterEach(async () => {
  await registry.shutdown(500);
  await redirector.close();
  log.close();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  tmp = null;
});

function ofKind<K extends LabEventKind>(kind: K): LabEventOf<K>[] {
  return events.filter((event): event is LabEventOf<K> => event.kind === kind);
}

function ofScript(scriptId: number): LabEvent[] {
  return events.filter((event) => 'scriptId' in event && event.scriptId === scriptId);
}

/** Polls the recorded events: every wait here is for what a script, a child process, did. */
function waitFor<T>(find: () => T | undefined): Promise<T> {
  return waitUpTo(find, () => `an event; the last ones: ${JSON.stringify(events.slice(-5))}`, TIMEOUT.child);
}

function text(scriptId: number, stream: 'stdout' | 'stderr'): string {
  return ofKind('script:output')
    .filter((event) => event.scriptId === scriptId && event.stream === stream)
    .map((event) => event.text)
    .join('');
}

async function runToExit(request: RunRequest) {
  const { scriptId, pid } = await redirector.run(request);
  const exit = await waitFor(() => ofKind('script:exit').find((event) => event.scriptId === scriptId));
  return { scriptId, pid, exit, stdout: text(scriptId, 'stdout'), stderr: text(scriptId, 'stderr') };
}

describe.skipIf(process.platform === 'win32')('redirector', () => {
  describe('pipe mode', () => {
    it('passes a script’s lines in order, keeps stderr apart and reports exit code 0 last', async () => {
      const run = await runToExit({ argv: [fixture('three-lines.sh')], mode: 'pipe' });
      expect(run.stdout).toBe('one\ntwo\nthree\n');
      expect(run.stderr).toBe('oops\n');
      expect(run.exit).toMatchObject({ pid: run.pid, code: 0, signal: null });
      const own = ofScript(run.scriptId);
      expect(own[0]).toMatchObject({ kind: 'script:start', mode: 'pipe', shell: false, pid: run.pid });
      expect(own[0]).not.toHaveProperty('connId');
      expect(own.at(-1)?.kind).toBe('script:exit');
    });

    it('keeps a partial line that has no newline', async () => {
      const run = await runToExit({ argv: ['printf', 'no newline'], mode: 'pipe' });
      expect(run.stdout).toBe('no newline');
    });

    it('keeps ANSI colour sequences byte for byte', async () => {
      const run = await runToExit({
        argv: ['printf', '\\033[31mred\\033[0m \\033[1;32mbold\\033[0m'],
        mode: 'pipe',
      });
      expect(run.stdout).toBe('\x1b[31mred\x1b[0m \x1b[1;32mbold\x1b[0m');
    });

    it('decodes a UTF-8 character split across two writes without breaking it', async () => {
      const script =
        'process.stdout.write(Buffer.from([0xe2, 0x82]));' +
        'setTimeout(() => process.stdout.write(Buffer.from([0xac, 0x0a])), 100);';
      const run = await runToExit({ argv: [node, '-e', script], mode: 'pipe' });
      expect(run.stdout).toBe('€\n');
    });

    it('reports exit code 3', async () => {
      const run = await runToExit({ argv: [sh, '-c', 'echo bye; exit 3'], mode: 'pipe' });
      expect(run.exit).toMatchObject({ code: 3, signal: null });
    });

    it('reports the signal that killed the child', async () => {
      const { scriptId, pid } = await redirector.run({
        argv: [node, '-e', 'setInterval(() => {}, 1000)'],
        mode: 'pipe',
      });
      expect(registry.has(pid)).toBe(true);
      process.kill(pid, 'SIGKILL');
      const exit = await waitFor(() => ofKind('script:exit').find((event) => event.scriptId === scriptId));
      expect(exit).toMatchObject({ pid, code: null, signal: 'SIGKILL' });
    });

    it('runs in the home directory unless told otherwise', async () => {
      const run = await runToExit({
        argv: [node, '-e', 'process.stdout.write(process.cwd())'],
        mode: 'pipe',
      });
      expect(realpathSync(run.stdout)).toBe(realpathSync(os.homedir()));
      expect(ofScript(run.scriptId)[0]).toMatchObject({ kind: 'script:start', cwd: os.homedir() });
    });
  });

  describe('socket mode', () => {
    async function expectRedirected(request: RunRequest, stdout: string) {
      const run = await runToExit(request);
      expect(run.stdout).toBe(stdout);
      const start = ofScript(run.scriptId)[0] as LabEventOf<'script:start'>;
      expect(start).toMatchObject({ kind: 'script:start', mode: 'socket', connId: expect.any(Number) });
      const opened = ofKind('conn:open').find((event) => event.connId === start.connId);
      const closed = ofKind('conn:close').find((event) => event.connId === start.connId);
      expect(opened).toMatchObject({ role: 'redirect', remoteAddress: '127.0.0.1' });
      expect(closed).toMatchObject({ cause: 'client', bytesIn: Buffer.byteLength(stdout) });
      expect(opened?.seq).toBeLessThan(start.seq);
      expect(closed?.seq).toBeLessThan(run.exit.seq);
      return run;
    }

    it('carries an unmodified shell script’s stdout over the TCP connection', async () => {
      await expectRedirected(
        { argv: [sh, '-c', "printf 'one\\ntwo\\nthree\\n'"], mode: 'socket' },
        'one\ntwo\nthree\n',
      );
    });

    it('carries a Node script’s process.stdout over the connection and keeps its stderr apart', async () => {
      const script =
        "for (const line of ['one', 'two', 'three']) process.stdout.write(line + '\\n'); console.error('err');";
      const run = await expectRedirected({ argv: [node, '-e', script], mode: 'socket' }, 'one\ntwo\nthree\n');
      expect(run.stderr).toBe('err\n');
    });

    it('gives concurrent scripts connections of their own on one listener', async () => {
      const runs = await Promise.all(
        [1, 2, 3, 4, 5].map((n) => runToExit({ argv: [sh, '-c', `echo script ${n}`], mode: 'socket' })),
      );
      expect(runs.map((run) => run.stdout)).toEqual([1, 2, 3, 4, 5].map((n) => `script ${n}\n`));
      const opened = ofKind('conn:open');
      expect(new Set(opened.map((event) => event.connId)).size).toBe(5);
      expect(new Set(opened.map((event) => event.localPort)).size).toBe(1);
    });
  });

  describe('buffering: what a Python script prints behind a pipe or a socket', () => {
    // Prints a line, then works for 1.5 s before it exits: when the line shows is the whole question.
    const PRINT_THEN_WORK = "import time; print('started'); time.sleep(1.5); print('done')";
    const python = findPython();

    /** Lab time from the first stdout to the exit, µs. */
    async function quietBeforeExit(
      ctx: { skip(note: string): void },
      mode: RunRequest['mode'],
      unbuffered: boolean | undefined,
    ) {
      const found = await python;
      if (!found.available) {
        ctx.skip(`python3 unavailable: ${found.reason}`);
        throw new Error('skipped');
      }
      const run = await runToExit({ argv: [found.executable, '-c', PRINT_THEN_WORK], mode, unbuffered });
      expect(run.stdout).toBe('started\ndone\n');
      const first = ofKind('script:output').find((event) => event.scriptId === run.scriptId);
      const start = ofScript(run.scriptId)[0];
      return { quietUs: run.exit.t - (first?.t ?? 0), start };
    }

    for (const mode of ['pipe', 'socket'] as const) {
      it(`holds the output until exit through a ${mode} when PYTHONUNBUFFERED is cleared, as on users' machines`, async (ctx) => {
        const { quietUs, start } = await quietBeforeExit(ctx, mode, false);
        expect(start).toMatchObject({ kind: 'script:start', unbuffered: false });
        expect(quietUs).toBeLessThan(1_000_000); // everything came at the end
      });

      it(`shows each print at once through a ${mode} when unbuffered, the default`, async (ctx) => {
        const { quietUs, start } = await quietBeforeExit(ctx, mode, undefined);
        expect(start).toMatchObject({ kind: 'script:start', unbuffered: true });
        expect(quietUs).toBeGreaterThanOrEqual(1_400_000); // 'started' came before the work
      });
    }
  });

  describe('errors', () => {
    it('rejects a missing command with a message that names it, and stays usable', async () => {
      await expect(redirector.run({ argv: ['nosuchcmd-ipc-scope'], mode: 'pipe' })).rejects.toThrow(
        'cannot run "nosuchcmd-ipc-scope": command not found (ENOENT)',
      );
      expect(ofKind('script:error')[0]).toMatchObject({ argv: ['nosuchcmd-ipc-scope'] });
      expect(ofKind('script:start')).toHaveLength(0);
      const run = await runToExit({ argv: ['printf', 'still here'], mode: 'pipe' });
      expect(run.stdout).toBe('still here');
    });

    it('rejects a file that is not executable with EACCES', async () => {
      tmp = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-redirect-'));
      await writeFile(path.join(tmp, 'x.sh'), '#!/bin/sh\necho hi\n');
      await chmod(path.join(tmp, 'x.sh'), 0o644);
      await expect(redirector.run({ argv: ['./x.sh'], cwd: tmp, mode: 'socket' })).rejects.toThrow(
        'cannot run "./x.sh": permission denied (EACCES)',
      );
      expect(ofKind('script:error')[0]?.message).toContain('EACCES');
    });

    it('rejects a working directory that does not exist', async () => {
      const cwd = path.join(os.tmpdir(), 'ipc-scope-no-such-dir', String(process.pid));
      await expect(redirector.run({ argv: ['printf', 'x'], cwd, mode: 'pipe' })).rejects.toThrow(
        `cannot run "printf": working directory "${cwd}" does not exist (ENOENT)`,
      );
      expect(ofKind('script:error')).toHaveLength(1);
    });
  });

  describe('shell option', () => {
    it('runs argv literally without a shell, so $HOME stays as written', async () => {
      const run = await runToExit({ argv: ['echo', '$HOME'], mode: 'pipe' });
      expect(run.stdout).toBe('$HOME\n');
    });

    it('expands $HOME when asked to use a shell', async () => {
      const run = await runToExit({ argv: ['echo', '$HOME'], mode: 'pipe', shell: true });
      expect(run.stdout).toBe(`${process.env.HOME}\n`);
      expect(ofScript(run.scriptId)[0]).toMatchObject({ shell: true });
    });
  });

  describe('ending', () => {
    it('reports the exit even while a background grandchild still holds stdout open', async () => {
      await redirector.close();
      redirector = createRedirector({
        log,
        registry,
        nextConnId: createCounter(),
        nextScriptId: createCounter(),
        streamGraceMs: 200,
      });
      const began = Date.now();
      const run = await runToExit({ argv: [sh, '-c', 'sleep 20 & echo $!'], mode: 'pipe' });
      try {
        expect(run.exit).toMatchObject({ code: 0, signal: null });
        expect(Date.now() - began).toBeLessThan(10_000); // well before the grandchild lets go, at 20 s
        expect(ofScript(run.scriptId).at(-1)?.kind).toBe('script:exit');
      } finally {
        process.kill(Number(run.stdout), 'SIGKILL');
      }
    });

    it('ends a running socket-mode script when the registry and the redirector shut down together', async () => {
      const { scriptId } = await redirector.run({
        argv: [node, '-e', 'setInterval(() => {}, 1000)'],
        mode: 'socket',
      });
      await Promise.all([registry.shutdown(500), redirector.close()]);
      const exit = await waitFor(() => ofKind('script:exit').find((event) => event.scriptId === scriptId));
      expect(exit).toMatchObject({ code: null, signal: 'SIGTERM' });
      expect(ofKind('conn:close')).toHaveLength(1);
      await expect(redirector.run({ argv: ['printf', 'x'], mode: 'pipe' })).rejects.toThrow('shutting down');
    });
  });

  describe('flood', () => {
    const total = 50_000_000;

    async function expectCapped(mode: RunRequest['mode'], limit: number) {
      const began = Date.now();
      const run = await runToExit({ argv: [fixture('flood.sh'), String(total)], mode });
      const forwarded = Buffer.byteLength(run.stdout);
      const drops = ofKind('script:dropped').filter((event) => event.scriptId === run.scriptId);
      expect(forwarded).toBe(limit);
      expect(run.stdout).toBe('a'.repeat(limit));
      expect(drops.at(-1)).toMatchObject({ stream: 'stdout', limit, bytes: total - limit });
      expect(drops.length).toBeLessThanOrEqual(2 + Math.ceil((Date.now() - began) / 1_000));
      expect(run.exit).toMatchObject({ code: 0, signal: null });
      // Chunks read in one tick are merged, so a flood is far fewer events than 64 KiB reads.
      expect(ofKind('script:output').length).toBeLessThan(limit / 1_000);
      expect(Date.now() - began).toBeLessThan(30_000);
    }

    it('forwards at most 4 MiB of a 50 MB pipe flood and counts the rest as dropped', async () => {
      await expectCapped('pipe', 4 * MiB);
    });

    it('caps a 50 MB socket flood at a chosen limit and counts the rest', async () => {
      await redirector.close();
      open(1 * MiB);
      await expectCapped('socket', 1 * MiB);
    });

    it('caps stdout and stderr separately', async () => {
      await redirector.close();
      open(1_000);
      const run = await runToExit({
        argv: [`${fixture('flood.sh')} 5000 >&2; printf ok`],
        mode: 'pipe',
        shell: true,
      });
      expect(run.stdout).toBe('ok');
      expect(run.stderr).toBe('a'.repeat(1_000));
      expect(ofKind('script:dropped').at(-1)).toMatchObject({ stream: 'stderr', bytes: 4_000, limit: 1_000 });
    });
  });
});

describe('live scripts', () => {
  it('refuses one more than its cap with a clear error, and takes one again once a script has ended', async () => {
    open(undefined, 3);
    const sleeper: RunRequest = { argv: [node, fixture('sleep-forever.mjs')], mode: 'pipe' };
    const started = await Promise.all([1, 2, 3].map(() => redirector.run(sleeper)));
    await expect(redirector.run(sleeper)).rejects.toThrow(
      `cannot run "${node}": 3 scripts are running, the most the lab runs at once; wait for one to end`,
    );
    expect(ofKind('script:error').at(-1)?.message).toContain('3 scripts are running');
    process.kill(started[0]?.pid ?? 0, 'SIGKILL');
    await waitFor(() => ofKind('script:exit')[0]);
    await expect(redirector.run(sleeper)).resolves.toMatchObject({ pid: expect.any(Number) });
  });
});

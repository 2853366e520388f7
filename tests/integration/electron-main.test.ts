import { type ChildProcess, fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channels, type LabEvent, type LabEventKind, type LabEventOf } from '../../contract';
import type { HarnessReply, HarnessRequest } from '../electron-model/harness';
import { outDir, repoRoot } from '../paths';
import { pause, TIMEOUT, waitFor } from '../timeouts';
import { ofKind } from './reliability-helpers';
import { procStat, stillRunning } from './reliability-proc';

interface Recorded {
  sent: { channel: string; payload: unknown }[];
  dialogs: { kind: 'open' | 'message'; options: { message?: string; detail?: string } }[];
  focused: number;
  reloads: number;
}

/**
 * The desktop app's main process, as built (out/main/index.cjs), run by Node with `electron` resolved to the
 * model in tests/electron-model. The test plays the window's page: it says hello from the window's frame,
 * reads what main sends, clicks the menu and answers the dialogs.
 */
describe('the built main process under the Electron model', () => {
  let work: string;
  let harness: ChildProcess;
  let nextId = 1;
  const pending = new Map<number, (reply: HarnessReply) => void>();
  const childPids = new Set<number>();

  let stderr = '';
  async function call<T>(request: HarnessRequest): Promise<T> {
    if (harness.exitCode !== null || harness.signalCode !== null) {
      throw new Error(`main has exited (${harness.exitCode ?? harness.signalCode}): ${stderr}`);
    }
    const id = nextId++;
    const reply = new Promise<HarnessReply>((resolve) => {
      pending.set(id, resolve);
      const error = `no answer to ${request.op} within ${TIMEOUT.io} ms: ${stderr}`;
      setTimeout(() => resolve({ id, error }), TIMEOUT.io);
    });
    harness.send({ id, ...request });
    const { value, error } = await reply;
    if (error !== undefined) throw new Error(error);
    return value as T;
  }
  const invoke = (channel: string, ...args: unknown[]) =>
    call<{ ok: boolean; value?: unknown; error?: string }>({ op: 'invoke', frame: 'main', channel, args });
  const command = async <T>(name: string, payload: unknown): Promise<T> => {
    const reply = await invoke(Channels.command, name, payload);
    if (!reply.ok) throw new Error(reply.error);
    return reply.value as T;
  };
  const recorded = () => call<Recorded>({ op: 'record' });
  let events: LabEvent[] = [];
  /** Polls what main sent the window; the events waited for include a run of clients, child processes. */
  function eventsOf<K extends LabEventKind>(kind: K, count: number): Promise<LabEventOf<K>[]> {
    return waitFor(
      async () => {
        const { sent } = await recorded();
        events = sent
          .filter((message) => message.channel === Channels.events)
          .flatMap((m) => m.payload as LabEvent[]);
        const found = ofKind(events, kind);
        return found.length >= count ? found : undefined;
      },
      () => `${count} ${kind}, saw ${ofKind(events, kind).length}`,
      TIMEOUT.clientRun,
    );
  }

  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-model-'));
    const harnessFile = path.join(work, 'harness.cjs');
    await build({
      entryPoints: [path.join(repoRoot, 'tests/electron-model/harness.ts')],
      outfile: harnessFile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      logLevel: 'warning',
    });
    harness = fork(harnessFile, [path.join(outDir, 'main/index.cjs')], {
      serialization: 'advanced',
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, IPC_SCOPE_MODEL_USER_DATA: work },
    });
    harness.stderr?.on('data', (chunk) => (stderr += chunk));
    harness.on('exit', () => {
      for (const [id, resolve] of pending) resolve({ id, error: `main exited: ${stderr}` });
    });
    harness.on('message', (reply: HarnessReply) => {
      pending.get(reply.id)?.(reply);
      pending.delete(reply.id);
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`main did not start within ${TIMEOUT.hostStart} ms: ${stderr}`)),
        TIMEOUT.hostStart,
      );
      pending.set(0, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  });

  afterAll(async () => {
    if (harness.exitCode === null && harness.signalCode === null) harness.kill('SIGKILL');
    for (const pid of childPids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // gone, as it should be
      }
    }
    await rm(work, { recursive: true, force: true });
  });

  it('survives SIGUSR2 before ready: the lab handles it from the first moment', async () => {
    harness.kill('SIGUSR2');
    await pause(200, "SIGUSR2's default action, the end of the process, would have come by now");
    expect(harness.exitCode).toBeNull();
    expect(harness.signalCode).toBeNull();
  });

  it('opens its window once ready and loads the page through its own protocol', async () => {
    expect(await call<number>({ op: 'ready' })).toBe(1);
    const url = await waitForValue(
      () => call<string>({ op: 'page' }),
      (value) => value !== '',
      'the page to load',
    );
    expect(url).toBe('app://ipc-scope/index.html');
  });

  it("answers its window's main frame, and refuses a subframe, another origin and a frame that is gone", async () => {
    const hello = await invoke(Channels.command, 'lab:hello', {});
    expect(hello.ok).toBe(true);
    expect((hello.value as { info: { host: string } }).info.host).toBe('electron');
    for (const frame of ['sub', 'foreign', 'gone'] as const) {
      expect(
        await call({ op: 'invoke', frame, channel: Channels.command, args: ['alarm:cancel', {}] }),
      ).toEqual({
        ok: false,
        error: 'refused: the command did not come from the IPC Scope window',
      });
    }
    const received = await eventsOf('signal:received', 1);
    expect(received.map((event) => event.signal)).toEqual(['SIGUSR2']);
  });

  it('spawns 5 clients that have pids, get replies and exit', async () => {
    // A port of its own: the desktop's default, 50008, may be taken on a machine that runs tests in parallel.
    await command('echo:start', { host: '127.0.0.1', port: 0 });
    await command('clients:spawn', { count: 5, mode: 'process' });
    const spawned = await eventsOf('client:spawn', 5);
    for (const event of spawned) childPids.add(event.pid);
    expect(spawned.every((event) => Number.isInteger(event.pid) && event.pid > 0)).toBe(true);
    expect(await eventsOf('conn:reply', 5)).toHaveLength(5);
    const exits = await eventsOf('client:exit', 5);
    expect(exits.map((event) => event.code)).toEqual([0, 0, 0, 0, 0]);
  });

  it('signals a signal target it started, and reports a SIGKILL as a signal, not as a code', async () => {
    const { pid } = await command<{ pid: number }>('signal:spawn-target', { signal: 'SIGUSR2' });
    childPids.add(pid);
    await command('signal:send', { signal: 'SIGUSR2', target: pid });
    const [delivered] = await eventsOf('target:signal', 1);
    expect(delivered).toMatchObject({ pid, signal: 'SIGUSR2' });
    await command('signal:send', { signal: 'SIGKILL', target: pid });
    const [exit] = await eventsOf('target:exit', 1);
    expect(exit).toMatchObject({ pid, code: null, signal: 'SIGKILL' });
  });

  it('grants its own page the clipboard write of the Copy buttons, and nothing else', async () => {
    const ask = (kind: 'check' | 'request', permission: string, url: string, isMainFrame = true) =>
      call<boolean>({ op: 'permission', kind, permission, url, isMainFrame });
    expect(await ask('check', 'clipboard-sanitized-write', 'app://ipc-scope/')).toBe(true);
    expect(await ask('request', 'clipboard-sanitized-write', 'app://ipc-scope/index.html')).toBe(true);
    expect(await ask('check', 'clipboard-read', 'app://ipc-scope/')).toBe(false);
    expect(await ask('request', 'media', 'app://ipc-scope/index.html')).toBe(false);
    expect(await ask('check', 'clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    expect(await ask('request', 'clipboard-sanitized-write', 'app://ipc-scope.evil/', true)).toBe(false);
    expect(await ask('check', 'clipboard-sanitized-write', 'app://ipc-scope/', false)).toBe(false);
  });

  it('gives each menu shortcut one meaning, the View menu included', async () => {
    const items = await call<{ path: string[]; accelerator?: string }[]>({ op: 'menu' });
    const shortcuts = items
      .map((item) => item.accelerator?.replace(/^(CmdOrCtrl|CommandOrControl)\+/, 'CommandOrControl+'))
      .filter((accelerator): accelerator is string => accelerator !== undefined);
    expect(shortcuts).toContain('CommandOrControl+0');
    expect(new Set(shortcuts).size).toBe(shortcuts.length);
  });

  it('sends the page what each menu item asks for, File ▸ Export and the Lab menu alike', async () => {
    const items: [string[], string][] = [
      [['File', 'Export Session…'], 'export'],
      [['Lab', 'Spawn Clients'], 'spawn'],
      [['Lab', 'Follow Live Events'], 'follow'],
      [['Lab', 'Fit Timeline'], 'fit'],
    ];
    const menuSent = async () =>
      (await recorded()).sent.filter((message) => message.channel === Channels.menu).map((m) => m.payload);
    const before = (await menuSent()).length;
    for (const [itemPath] of items) await call({ op: 'click', path: itemPath });
    const sent = await waitForValue(
      async () => (await menuSent()).slice(before),
      (value) => value.length === items.length,
      'the menu actions sent',
    );
    expect(sent).toEqual(items.map(([, action]) => action));
  });

  it('opens File ▸ Import in main and hands the page the file, or says why it cannot', async () => {
    const file = path.join(work, 'run.ipcscope.ndjson');
    await writeFile(file, '{"format":"ipc-scope-session"}\n');
    const huge = path.join(work, 'huge.ipcscope.ndjson');
    await writeFile(huge, '');
    await truncate(huge, 1024 ** 3 + 1); // sparse: no disk is used
    await call({ op: 'answer-dialogs', open: [{ canceled: false, filePaths: [file] }] });
    await call({ op: 'click', path: ['File', 'Import Session…'] });
    const opened = await waitForValue(
      async () => (await recorded()).sent.find((message) => message.channel === Channels.sessionFile),
      (value) => value !== undefined,
      'the session file sent',
    );
    const payload = opened?.payload as { name: string; bytes: Uint8Array };
    expect(payload.name).toBe('run.ipcscope.ndjson');
    expect(Buffer.from(payload.bytes).toString()).toBe('{"format":"ipc-scope-session"}\n');

    await call({ op: 'answer-dialogs', open: [{ canceled: false, filePaths: [huge] }] });
    await call({ op: 'click', path: ['File', 'Import Session…'] });
    const refusal = await waitForValue(
      async () => (await recorded()).dialogs.find((d) => d.kind === 'message'),
      (value) => value !== undefined,
      'the refusal dialog',
    );
    expect(refusal?.options.message).toBe('Could not import huge.ipcscope.ndjson');
    expect(refusal?.options.detail).toContain('up to 1024 MB');
  });

  it('focuses its window when the app is started again', async () => {
    const before = (await recorded()).focused;
    await call({ op: 'second-instance' });
    expect((await recorded()).focused).toBe(before + 1);
  });

  it('offers to reload a window whose renderer crashed', async () => {
    await call({ op: 'answer-dialogs', message: [0] });
    await call({ op: 'render-process-gone', reason: 'crashed' });
    const reloads = await waitForValue(
      async () => (await recorded()).reloads,
      (value) => value > 0,
      'the reload',
    );
    expect(reloads).toBe(1);
    const dialogs = (await recorded()).dialogs.filter((d) => d.kind === 'message');
    expect(dialogs.at(-1)?.options.message).toBe('The IPC Scope window stopped');
  });

  it('quits on request, ending every child first, and leaves none in /proc', async () => {
    const { pid } = await command<{ pid: number }>('signal:spawn-target', { signal: 'SIGUSR1' });
    childPids.add(pid);
    expect(procStat(pid)).not.toBeNull();
    const exited = once(harness, 'exit');
    await call({ op: 'quit' });
    const [code] = await exited;
    expect(code).toBe(0);
    const left = [...childPids].map(procStat).filter((stat) => stat !== null && stillRunning(stat));
    expect(left).toEqual([]);
  });
});

/** Asks main until its answer is done: a round trip to the model and what main did meanwhile. */
async function waitForValue<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  what: string,
): Promise<T> {
  const { value } = await waitFor(
    async () => {
      const value = await read();
      return done(value) ? { value } : undefined;
    },
    what,
    TIMEOUT.io,
  );
  return value;
}

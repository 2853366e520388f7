import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../paths';
import { TIMEOUT, waitFor } from '../timeouts';

/**
 * `npm start`'s launcher against a stand-in for the Electron binary, which the electron package's own
 * ELECTRON_OVERRIDE_DIST_PATH points it at. The stand-in counts SIGINTs, as Electron's one-shot handler would
 * meet them: the first quits gracefully, a second would kill it mid-shutdown.
 */
const FAKE_ELECTRON = `#!${process.execPath}
let count = 0;
process.on('SIGINT', () => {
  count += 1;
  console.log('SIGINT ' + count);
  setTimeout(() => process.exit(0), 300);
});
console.log('ready ' + process.pid);
setInterval(() => {}, 1000);
`;

describe('npm start', () => {
  let dist: string;
  let launcher: ChildProcess | undefined;
  let fakePid: number | undefined;

  beforeEach(async () => {
    dist = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-electron-'));
    await writeFile(path.join(dist, 'electron'), FAKE_ELECTRON, { mode: 0o755 });
  });
  afterEach(async () => {
    for (const pid of [launcher?.pid, fakePid]) {
      try {
        if (pid) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await rm(dist, { recursive: true, force: true });
  });

  function start(display: string | undefined) {
    let output = '';
    const env: NodeJS.ProcessEnv = { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: display };
    if (display === undefined) delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    // Its own process group, as a terminal runs a foreground job.
    launcher = spawn(process.execPath, ['scripts/start-electron.mjs'], {
      cwd: repoRoot,
      detached: true,
      env,
    });
    for (const stream of [launcher.stdout, launcher.stderr]) stream?.on('data', (chunk) => (output += chunk));
    return { child: launcher, output: () => output };
  }

  it('passes a terminal Ctrl-C to Electron once, so its graceful quit is not cut short', async () => {
    const { child, output } = start(':99');
    const ready = await waitFor(
      () => /ready (\d+)/.exec(output())?.[1],
      'the stand-in Electron',
      TIMEOUT.child,
    );
    fakePid = Number(ready);
    const exited = once(child, 'exit');
    // Ctrl-C: the terminal signals every process of the foreground group.
    if (child.pid) process.kill(-child.pid, 'SIGINT');
    const [code] = await exited;
    expect(output().match(/SIGINT \d+/g)).toEqual(['SIGINT 1']);
    expect(code).toBe(0);
  });

  it('says why it cannot open a window without a display, and points to npm run serve', async () => {
    const { child, output } = start(undefined);
    const [code] = await once(child, 'exit');
    expect(code).toBe(1);
    expect(output()).toContain('IPC Scope cannot open its desktop window: there is no display');
    expect(output()).toContain('npm run serve');
    expect(output()).not.toContain('ready');
  });
});

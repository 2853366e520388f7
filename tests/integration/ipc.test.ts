import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Channels, type LabEvent, type Reply, type Snapshot } from '../../contract';
import { setupIpc } from '../../main/electron/ipc';
import { DEFAULT_MAX_BATCH } from '../../main/engine/event-log';
import { createLab, type Lab } from '../../main/engine/lab';
import { ipcMain, record, WebContents } from '../electron-model/electron-model';
import { childrenDir } from '../paths';
import { pause, QUIET_MS, TIMEOUT, waitFor } from '../timeouts';

/** A window of the Electron model showing the app's page, with its IPC mounted as main mounts it. */
function mountWindow(lab: Lab) {
  const contents = new WebContents();
  contents.mainFrame.url = 'app://ipc-scope/index.html';
  const teardown = setupIpc(ipcMain, lab, contents);
  const invoke = (name: unknown, payload: unknown, from: WebContents = contents) =>
    from.invoke(from.mainFrame, Channels.command, name, payload) as Promise<Reply<unknown>>;
  const sent = () =>
    record.sent.filter((message) => message.channel === Channels.events).map((m) => m.payload as LabEvent[]);
  return { contents, teardown, invoke, sent };
}

describe('IPC layer', () => {
  let lab: Lab;
  let teardown = () => {};
  beforeEach(async () => {
    record.sent.length = 0;
    lab = createLab({ host: 'electron', childrenDir, echo: { port: 0 } });
    await lab.start();
  });
  afterEach(() => {
    teardown();
    return lab.shutdown();
  });

  it('mounts one handler, as Electron allows, and frees it at teardown for the next window', () => {
    const first = mountWindow(lab);
    expect(() => setupIpc(ipcMain, lab, new WebContents())).toThrow(
      "Attempted to register a second handler for 'lab:command'",
    );
    first.teardown();
    teardown = mountWindow(lab).teardown;
  });

  it('refuses a command from any sender that is not our window', async () => {
    const window = mountWindow(lab);
    teardown = window.teardown;
    const other = new WebContents();
    other.mainFrame.url = 'app://ipc-scope/index.html';
    expect(await window.invoke('alarm:cancel', {}, other)).toEqual({
      ok: false,
      error: expect.stringContaining('did not come from the IPC Scope window'),
    });
  });

  it('answers an unknown command with an error reply, which the page turns into a rejection', async () => {
    const window = mountWindow(lab);
    teardown = window.teardown;
    expect(await window.invoke('no:such', {})).toMatchObject({ ok: false });
  });

  it('refuses an invalid payload with a clear error', async () => {
    const window = mountWindow(lab);
    teardown = window.teardown;
    expect(await window.invoke('signal:send', { signal: 'SIGBOGUS', target: 'app' })).toEqual({
      ok: false,
      error: 'signal:send: unknown or unsupported signal "SIGBOGUS"',
    });
    expect((await window.invoke('clients:spawn', { count: 0, mode: 'process' })).ok).toBe(false);
  });

  it('holds events until the renderer says hello, then sends them in batches', async () => {
    const window = mountWindow(lab);
    teardown = window.teardown;
    await window.invoke('alarm:arm', { seconds: 60 });
    await pause(QUIET_MS, 'nothing goes to a window that has not said hello');
    expect(window.sent()).toEqual([]);

    const hello = (await window.invoke('lab:hello', {})) as Reply<Snapshot>;
    expect(hello.ok && hello.value.history).toEqual({ events: lab.log.size, lastSeq: lab.log.lastSeq });
    for (let i = 0; i < 50; i++) await window.invoke('alarm:arm', { seconds: 60 + i });
    const armed = () =>
      window
        .sent()
        .flat()
        .filter((event) => event.kind === 'alarm:armed');
    await waitFor(
      () => armed().length >= 51,
      () => `51 alarm:armed sent, saw ${armed().length}`,
      TIMEOUT.io,
    );
    // The history (the first arm) comes after the reply, then the live events, in batches.
    const delivered = window.sent().flat();
    expect(delivered.filter((event) => event.kind === 'alarm:armed')).toHaveLength(51);
    expect(delivered.map((event) => event.seq)).toEqual(delivered.map((_, i) => i + 1));
    expect(window.sent().length).toBeLessThan(51);
    await window.invoke('alarm:cancel', {});
  });

  it('caps the size of each message and skips a destroyed window', async () => {
    const window = mountWindow(lab);
    teardown = window.teardown;
    await window.invoke('lab:hello', {});
    // Once the history is out, live batches go straight out: a first live event that arrives shows it.
    lab.log.append({ kind: 'alarm:fired', repeat: true });
    lab.log.flush();
    const firedSent = () =>
      window
        .sent()
        .flat()
        .filter((event) => event.kind === 'alarm:fired').length;
    await waitFor(() => firedSent() === 1, 'the first live event, after the history', TIMEOUT.io);
    for (let i = 0; i < DEFAULT_MAX_BATCH * 2 + 10; i++)
      lab.log.append({ kind: 'alarm:fired', repeat: false });
    lab.log.flush();
    expect(Math.max(...window.sent().map((batch) => batch.length))).toBeLessThanOrEqual(DEFAULT_MAX_BATCH);
    const firedCount = firedSent();
    expect(firedCount).toBe(1 + DEFAULT_MAX_BATCH * 2 + 10);

    window.contents.destroy();
    lab.log.append({ kind: 'alarm:fired', repeat: false });
    lab.log.flush();
    expect(
      window
        .sent()
        .flat()
        .filter((event) => event.kind === 'alarm:fired'),
    ).toHaveLength(firedCount);
  });
});

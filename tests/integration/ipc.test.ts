import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Channels, type LabEvent, type Reply, type Snapshot } from '../../contract';
import { setupIpc } from '../../main/electron/ipc';
import { DEFAULT_MAX_BATCH } from '../../main/engine/event-log';
import { createLab, type Lab } from '../../main/engine/lab';
import { ipcMain, record, WebContents } from '../electron-model/electron-model';
import { childrenDir } from '../paths';

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

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

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
    await settle();
    expect(window.sent()).toEqual([]);

    const hello = (await window.invoke('lab:hello', {})) as Reply<Snapshot>;
    expect(hello.ok && hello.value.history).toEqual({ events: lab.log.size, lastSeq: lab.log.lastSeq });
    for (let i = 0; i < 50; i++) await window.invoke('alarm:arm', { seconds: 60 + i });
    await settle();
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
    await settle(); // the history, empty, is sent: live batches go straight out from here on
    for (let i = 0; i < DEFAULT_MAX_BATCH * 2 + 10; i++)
      lab.log.append({ kind: 'alarm:fired', repeat: false });
    lab.log.flush();
    expect(Math.max(...window.sent().map((batch) => batch.length))).toBeLessThanOrEqual(DEFAULT_MAX_BATCH);
    const firedCount = window
      .sent()
      .flat()
      .filter((event) => event.kind === 'alarm:fired').length;
    expect(firedCount).toBe(DEFAULT_MAX_BATCH * 2 + 10);

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

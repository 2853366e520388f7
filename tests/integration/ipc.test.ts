import type { IpcMainInvokeEvent } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Channels, type LabEvent, type Reply, type Snapshot } from '../../contract';
import { DEFAULT_MAX_BATCH } from '../../main/engine/event-log';
import { createLab, type Lab } from '../../main/engine/lab';
import { type IpcMainLike, setupIpc, type WebContentsLike } from '../../main/ipc';
import { childrenDir } from '../paths';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;

/** A typed fake of the two Electron objects the IPC layer touches. */
function fakeElectron(id: number) {
  const handlers = new Map<string, Handler>();
  const sent: LabEvent[][] = [];
  let destroyed = false;
  const ipcMain: IpcMainLike = {
    handle: (channel, listener) => void handlers.set(channel, listener as Handler),
    removeHandler: (channel) => {
      handlers.delete(channel);
    },
  };
  const contents: WebContentsLike = {
    id,
    isDestroyed: () => destroyed,
    send: (channel: string, batch: LabEvent[]) => {
      expect(channel).toBe(Channels.events);
      sent.push(batch);
    },
  };
  const invokeFrom = (senderId: number, name: unknown, payload: unknown) => {
    const handler = handlers.get(Channels.command);
    if (!handler) throw new Error('no handler mounted');
    const event = { sender: { id: senderId } } as IpcMainInvokeEvent;
    return Promise.resolve(handler(event, name, payload)) as Promise<Reply<unknown>>;
  };
  const destroy = () => {
    destroyed = true;
  };
  return { ipcMain, contents, sent, handlers, invokeFrom, destroy };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

describe('IPC layer', () => {
  let lab: Lab;
  beforeEach(async () => {
    lab = createLab({ host: 'electron', childrenDir, echo: { port: 0 } });
    await lab.start();
  });
  afterEach(() => lab.shutdown());

  it('refuses a command from any sender that is not our window', async () => {
    const electron = fakeElectron(7);
    setupIpc(electron.ipcMain, lab, electron.contents);
    const reply = await electron.invokeFrom(99, 'alarm:cancel', {});
    expect(reply).toEqual({
      ok: false,
      error: expect.stringContaining('did not come from the IPC Scope window'),
    });
  });

  it('refuses an invalid payload with a clear error', async () => {
    const electron = fakeElectron(7);
    setupIpc(electron.ipcMain, lab, electron.contents);
    expect(await electron.invokeFrom(7, 'signal:send', { signal: 'SIGBOGUS', target: 'app' })).toEqual({
      ok: false,
      error: 'signal:send: unknown or unsupported signal "SIGBOGUS"',
    });
    expect((await electron.invokeFrom(7, 'clients:spawn', { count: 0, mode: 'process' })).ok).toBe(false);
  });

  it('holds events until the renderer says hello, then sends them in batches', async () => {
    const electron = fakeElectron(7);
    setupIpc(electron.ipcMain, lab, electron.contents);
    await electron.invokeFrom(7, 'alarm:arm', { seconds: 60 });
    await settle();
    expect(electron.sent).toEqual([]);

    const hello = (await electron.invokeFrom(7, 'lab:hello', {})) as Reply<Snapshot>;
    expect(hello.ok && hello.value.history).toEqual({ events: lab.log.size, lastSeq: lab.log.lastSeq });
    for (let i = 0; i < 50; i++) await electron.invokeFrom(7, 'alarm:arm', { seconds: 60 + i });
    await settle();
    // The history (the first arm) comes after the reply, then the live events, in batches.
    const delivered = electron.sent.flat();
    expect(delivered.filter((event) => event.kind === 'alarm:armed')).toHaveLength(51);
    expect(delivered.map((event) => event.seq)).toEqual(delivered.map((_, i) => i + 1));
    expect(electron.sent.length).toBeLessThan(51);
    await electron.invokeFrom(7, 'alarm:cancel', {});
  });

  it('caps the size of each message and skips a destroyed window', async () => {
    const electron = fakeElectron(7);
    setupIpc(electron.ipcMain, lab, electron.contents);
    await electron.invokeFrom(7, 'lab:hello', {});
    await settle(); // the history, empty, is sent: live batches go straight out from here on
    for (let i = 0; i < DEFAULT_MAX_BATCH * 2 + 10; i++)
      lab.log.append({ kind: 'alarm:fired', repeat: false });
    lab.log.flush();
    expect(Math.max(...electron.sent.map((batch) => batch.length))).toBeLessThanOrEqual(DEFAULT_MAX_BATCH);
    const firedCount = electron.sent.flat().filter((event) => event.kind === 'alarm:fired').length;
    expect(firedCount).toBe(DEFAULT_MAX_BATCH * 2 + 10);

    electron.destroy();
    lab.log.append({ kind: 'alarm:fired', repeat: false });
    lab.log.flush();
    expect(electron.sent.flat().filter((event) => event.kind === 'alarm:fired')).toHaveLength(firedCount);
  });
});

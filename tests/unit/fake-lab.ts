// A fake lab for renderer tests: its bridge is typed as Bridge, so it cannot drift from the real one.
import type { Bridge, MenuAction, OpenedSessionFile } from '../../contract/bridge';
import type { CommandName, CommandPayload, CommandResult, LabInfo, Snapshot } from '../../contract/commands';
import type { LabEvent, LabEventBody } from '../../contract/events';
import type { WatchStatus } from '../../renderer/src/bridge/link-status';
import type { NextFrame } from '../../renderer/src/lib/animation-frame';
import { labApp } from '../lab-app';

export const info: LabInfo = {
  pid: 4242,
  platform: 'linux',
  host: 'web',
  startedAtMs: 1_700_000_000_000,
  echo: { listening: true, host: '127.0.0.1', port: 5000, error: null },
  modes: [{ mode: 'process', available: true, detail: 'separate Node processes' }],
  signals: [{ name: 'SIGUSR2', number: 12 }],
  signalsUnsupported: null,
  maxClients: 200,
};

let seq = 0;
/** Stamps events the way the event log does: gap-free seq, time in µs. */
export function stamp(...bodies: LabEventBody[]): LabEvent[] {
  return bodies.map((body) => {
    seq += 1;
    return { ...body, seq, t: seq * 1_000 } as LabEvent;
  });
}

type Answer = <C extends CommandName>(name: C, payload: CommandPayload<C>) => CommandResult<C>;

/** What the fake lab has retained when the window says hello. */
export interface Retained {
  events: LabEvent[];
  evicted: number;
}

/**
 * A bridge that answers from a table and lets the test push batches; typed as Bridge so it cannot drift.
 * Its `nextFrame` is given to the store, so the test decides when an animation frame passes. Like the real
 * hosts, it answers the hello with the history's size and sends the history after the reply.
 */
export function fakeLab(retained: Retained = { events: [], evicted: 0 }, answer?: Answer) {
  const snapshot: Snapshot = {
    info,
    history: { events: retained.events.length, lastSeq: retained.events.at(-1)?.seq ?? 0 },
    evicted: retained.evicted,
  };
  const listeners = new Set<(batch: LabEvent[]) => void>();
  const menuListeners = new Set<(action: MenuAction) => void>();
  const fileListeners = new Set<(file: OpenedSessionFile) => void>();
  const calls: { name: CommandName; payload: unknown }[] = [];
  const frames: (() => void)[] = [];
  const nextFrame: NextFrame = (callback) => frames.push(callback);
  const send = (batch: LabEvent[]) => {
    for (const listener of listeners) listener(batch);
  };
  const frame = () => {
    for (const callback of frames.splice(0)) callback();
  };
  let releaseHello: () => void = () => {};
  const helloGate = new Promise<void>((resolve) => {
    releaseHello = resolve;
  });
  const bridge: Bridge = {
    async invoke(name, payload) {
      calls.push({ name, payload });
      if (name === 'lab:hello') {
        await helloGate;
        return snapshot as CommandResult<typeof name>;
      }
      if (!answer) throw new Error(`${name}: the fake lab has no answer`);
      return answer(name, payload);
    },
    onEvents(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onMenuAction(listener) {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
    onSessionFile(listener) {
      fileListeners.add(listener);
      return () => fileListeners.delete(listener);
    },
  };
  return {
    bridge,
    calls,
    nextFrame,
    /** A batch arrives; no frame passes yet. */
    send,
    /** One animation frame passes. */
    frame,
    /** A batch arrives, then a frame passes. */
    emit: (batch: LabEvent[]) => {
      send(batch);
      frame();
    },
    /** What the desktop menu would send. */
    menu: (action: MenuAction) => {
      for (const listener of menuListeners) listener(action);
    },
    /** What the desktop's File ▸ Import dialog would send. */
    openFile: (file: OpenedSessionFile) => {
      for (const listener of fileListeners) listener(file);
    },
    /** The hello reply arrives, then the history, then a frame passes. */
    hello: async () => {
      releaseHello();
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (retained.events.length > 0) send(retained.events);
      frame();
    },
  };
}

/** The app on a fake lab, its animation frames driven by the test; not yet live. */
export function appOn(lab: ReturnType<typeof fakeLab>, watchStatus?: WatchStatus) {
  return labApp(lab.bridge, { nextFrame: lab.nextFrame, watchStatus });
}

/** The app, live, once it has applied `history` after its snapshot. */
export async function started(history: LabEvent[] = [], evicted = 0) {
  const lab = fakeLab({ events: history, evicted });
  const app = appOn(lab);
  const stop = app.files.startLive();
  await lab.hello();
  return { lab, app, store: app.store, stop };
}

import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_GLOBAL, type Bridge, Channels, type LabEvent } from '../../contract';
import * as electron from '../electron-model/renderer-model';
import { outDir } from '../paths';

/** Loads the built preload with `electron` resolved to the renderer-side model, as the page's preload runs. */
function loadPreload(): Bridge {
  type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
  const internals = Module as unknown as { _load: Load };
  const load = internals._load;
  internals._load = function (request, parent, isMain) {
    return request === 'electron' ? electron : load.call(this, request, parent, isMain);
  };
  try {
    const preload = path.join(outDir, 'preload/index.cjs');
    createRequire(preload)(preload);
  } finally {
    internals._load = load;
  }
  return electron.mainWorld[BRIDGE_GLOBAL] as Bridge;
}

describe('the built preload under a model of the renderer side of Electron', () => {
  let bridge: Bridge;
  beforeAll(() => {
    bridge = loadPreload();
  });

  it('puts one global in the page, with four narrow methods and no ipcRenderer', () => {
    expect(Object.keys(electron.mainWorld)).toEqual([BRIDGE_GLOBAL]);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'onEvents', 'onMenuAction', 'onSessionFile']);
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
  });

  it("answers with the lab's value, and rejects with the lab's own message", async () => {
    electron.main.handle = async (channel, [name]) => {
      expect(channel).toBe(Channels.command);
      return name === 'alarm:cancel'
        ? { ok: true, value: { remaining: 3 } }
        : { ok: false, error: 'no such luck' };
    };
    await expect(bridge.invoke('alarm:cancel', {})).resolves.toEqual({ remaining: 3 });
    await expect(bridge.invoke('echo:stop', {})).rejects.toThrow(/^no such luck$/);
  });

  it("hands listeners the payload alone, never Electron's event, and stops at unsubscribe", () => {
    const calls: unknown[][] = [];
    const stop = bridge.onEvents((...args) => calls.push(args));
    const batch = [{ kind: 'alarm:fired', repeat: false, seq: 1, t: 5 }] as LabEvent[];
    electron.sendFromMain(Channels.events, batch);
    stop();
    electron.sendFromMain(Channels.events, batch);
    expect(calls).toEqual([[batch]]);
  });

  it('passes on only menu actions and session files it knows the shape of', () => {
    const actions: unknown[] = [];
    const files: unknown[] = [];
    bridge.onMenuAction((action) => actions.push(action));
    bridge.onSessionFile((file) => files.push(file));
    for (const action of ['fit', 'rm -rf', 42, 'import']) electron.sendFromMain(Channels.menu, action);
    const bytes = new Uint8Array([123, 125, 10]);
    for (const file of [{ name: 'a.ndjson', bytes }, { name: 'b', bytes: 'not bytes' }, null]) {
      electron.sendFromMain(Channels.sessionFile, file);
    }
    expect(actions).toEqual(['fit']);
    expect(files).toEqual([{ name: 'a.ndjson', bytes }]);
  });
});

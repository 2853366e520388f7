import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readWindowState, writeWindowState } from '../../main/electron/window-state';

const screen = [{ x: 0, y: 0, width: 1920, height: 1080 }];

describe('window state', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ipc-scope-window-'));
    file = path.join(dir, 'window-state.json');
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('reopens the window where it was, maximised or not', () => {
    writeWindowState(file, { bounds: { x: 100, y: 80, width: 1200, height: 800 }, maximized: true });
    expect(readWindowState(file, screen)).toEqual({
      bounds: { x: 100, y: 80, width: 1200, height: 800 },
      maximized: true,
    });
  });

  it('forgets a position on a screen that is no longer there', () => {
    writeWindowState(file, { bounds: { x: 3000, y: 80, width: 1200, height: 800 }, maximized: false });
    expect(readWindowState(file, screen)).toBeNull();
  });

  it('ignores a missing, corrupt or ill-formed file', async () => {
    expect(readWindowState(file, screen)).toBeNull();
    await writeFile(file, '{not json');
    expect(readWindowState(file, screen)).toBeNull();
    await writeFile(file, JSON.stringify({ bounds: { x: 0, y: 0, width: -5, height: 'tall' } }));
    expect(readWindowState(file, screen)).toBeNull();
  });
});

import * as v from 'valibot';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BOTTOM_HEIGHT,
  bottomHeightWithin,
  CENTRE_MIN_WIDTH,
  DEFAULT_LAYOUT,
  KeptLayoutSchema,
  SIDE_WIDTH,
  sideWidthWithin,
  TIMELINE_MIN_HEIGHT,
} from '../../renderer/src/workspace/layout';

describe('the workspace layout: sizes fitted to the window', () => {
  it('keeps the side bar within its bounds and leaves the centre its minimum', () => {
    expect(sideWidthWithin(400.4, 1920)).toBe(400);
    expect(sideWidthWithin(10, 1920)).toBe(SIDE_WIDTH.min);
    expect(sideWidthWithin(5_000, 1920)).toBe(SIDE_WIDTH.max);
    // 1000 px wide: the centre keeps 480, so the side bar gets at most 520.
    expect(sideWidthWithin(600, 1000)).toBe(1000 - CENTRE_MIN_WIDTH);
    // A window too small for both: the side bar keeps its minimum; the centre gives.
    expect(sideWidthWithin(600, 500)).toBe(SIDE_WIDTH.min);
  });

  it('keeps the logs within their bounds and leaves the timeline its minimum', () => {
    expect(bottomHeightWithin(300, 1000)).toBe(300);
    expect(bottomHeightWithin(0, 1000)).toBe(BOTTOM_HEIGHT.min);
    expect(bottomHeightWithin(5_000, 2000)).toBe(BOTTOM_HEIGHT.max);
    expect(bottomHeightWithin(600, 700)).toBe(700 - TIMELINE_MIN_HEIGHT);
    expect(bottomHeightWithin(600, 200)).toBe(BOTTOM_HEIGHT.min);
  });

  it('reads back only a layout this version wrote', () => {
    const { maximised: _, ...kept } = DEFAULT_LAYOUT;
    expect(v.is(KeptLayoutSchema, kept)).toBe(true);
    expect(v.is(KeptLayoutSchema, { ...kept, tab: 'nope' })).toBe(false);
    expect(v.is(KeptLayoutSchema, { ...kept, sideWidth: SIDE_WIDTH.max + 1 })).toBe(false);
    expect(v.is(KeptLayoutSchema, { ...kept, bottomHeight: 200.5 })).toBe(false);
    expect(v.is(KeptLayoutSchema, { ...kept, collapsed: ['alarm', 'nope'] })).toBe(false);
  });
});

/** A local storage that lives in a Map, as the browser's does in a page. */
function memoryStorage(initial: Record<string, string> = {}) {
  const items = new Map(Object.entries(initial));
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    items,
  };
}

describe('the workspace layout store: remembered, and reset', () => {
  beforeEach(() => vi.resetModules());
  afterEach(() => vi.unstubAllGlobals());

  const load = async () => (await import('../../renderer/src/workspace/layout-store')).useLayout;

  it('starts from what was kept, keeps each change, and forgets it all on reset', async () => {
    const kept = { sideWidth: 420, bottomHeight: 280, tab: 'orders', collapsed: ['alarm'] };
    const storage = memoryStorage({ 'ipc-scope:layout': JSON.stringify(kept) });
    vi.stubGlobal('localStorage', storage);
    const layout = await load();
    expect(layout.getState()).toMatchObject({ ...kept, maximised: null });

    layout.getState().toggleSection('alarm');
    layout.getState().toggleSection('script');
    layout.getState().setBottomHeight(333);
    layout.getState().toggleMaximised('timeline');
    // What is kept leaves out the maximised part: a restart shows every part.
    expect(JSON.parse(storage.items.get('ipc-scope:layout') ?? '{}')).toEqual({
      ...kept,
      collapsed: ['script'],
      bottomHeight: 333,
    });
    expect(layout.getState().maximised).toBe('timeline');
    // Showing a tab gives the logs back when the timeline filled the window.
    layout.getState().showTab('signals');
    expect(layout.getState()).toMatchObject({ tab: 'signals', maximised: null });
    layout.getState().toggleMaximised('bottom');
    layout.getState().showTab('log');
    expect(layout.getState().maximised).toBe('bottom');

    layout.getState().reset();
    expect(layout.getState()).toMatchObject(DEFAULT_LAYOUT);
    expect(storage.items.has('ipc-scope:layout')).toBe(false);
  });

  it('starts from the default when what was kept is from another version, or storage is off', async () => {
    vi.stubGlobal('localStorage', memoryStorage({ 'ipc-scope:layout': '{"sideWidth":"wide"}' }));
    expect((await load()).getState()).toMatchObject(DEFAULT_LAYOUT);
    vi.resetModules();
    vi.stubGlobal('localStorage', undefined);
    const layout = await load();
    expect(layout.getState()).toMatchObject(DEFAULT_LAYOUT);
    layout.getState().setSideWidth(300); // storage off: it lives as long as the page
    expect(layout.getState().sideWidth).toBe(300);
  });
});

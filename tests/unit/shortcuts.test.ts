import { describe, expect, it } from 'vitest';
import {
  isTypingTarget,
  SHORTCUTS,
  type ShortcutAction,
  shortcutFor,
} from '../../renderer/src/app/shortcuts';

const press = (
  key: string,
  target: object | null = null,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {},
) =>
  shortcutFor({
    key,
    target: target as EventTarget | null,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...mods,
  });

describe('keyboard shortcuts', () => {
  it('maps N, F, End, Home, 0 and ? to spawn, follow, go to the start, fit and help', () => {
    expect(press('n')).toBe('spawn');
    expect(press('N')).toBe('spawn');
    expect(press('f')).toBe('follow');
    expect(press('End')).toBe('follow');
    expect(press('Home')).toBe('toStart');
    expect(press('Escape')).toBe('close');
    expect(press('0')).toBe('fit');
    expect(press('?')).toBe('help');
    expect(press('x')).toBeNull();
  });

  it('moves the timeline with W, A, S and D as Perfetto does, in either case', () => {
    expect(['w', 'W', 's', 'S', 'a', 'A', 'd', 'D'].map((key) => press(key))).toEqual([
      'zoomIn',
      'zoomIn',
      'zoomOut',
      'zoomOut',
      'panEarlier',
      'panEarlier',
      'panLater',
      'panLater',
    ]);
  });

  it('lists every action in the ? sheet', () => {
    const listed = new Set(SHORTCUTS.map((shortcut) => shortcut.action));
    for (const key of ['n', 'w', 's', 'a', 'd', 'Home', 'End', 'f', '0', '?', 'Escape']) {
      expect(listed.has(press(key) as ShortcutAction), key).toBe(true);
    }
  });

  it('leaves keys with Ctrl, Cmd or Alt to the browser (Ctrl+S, Ctrl+F)', () => {
    expect(press('s', null, { ctrlKey: true })).toBeNull();
    expect(press('f', null, { metaKey: true })).toBeNull();
    expect(press('0', null, { altKey: true })).toBeNull();
  });

  it('ignores keys typed into text fields, selects and editable text, but not into checkboxes', () => {
    expect(press('s', { tagName: 'INPUT', type: 'text' })).toBeNull();
    expect(press('s', { tagName: 'INPUT', type: 'number' })).toBeNull();
    expect(press('s', { tagName: 'TEXTAREA' })).toBeNull();
    expect(press('f', { tagName: 'SELECT' })).toBeNull();
    expect(press('f', { tagName: 'DIV', isContentEditable: true })).toBeNull();
    expect(press('n', { tagName: 'INPUT', type: 'checkbox' })).toBe('spawn');
    expect(press('n', { tagName: 'BUTTON' })).toBe('spawn');
    expect(isTypingTarget(null)).toBe(false);
  });
});

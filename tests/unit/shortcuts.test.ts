import { describe, expect, it } from 'vitest';
import { isTypingTarget, shortcutFor } from '../../renderer/src/app/shortcuts';

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
  it('maps S, F, 0 and ? to spawn, follow, fit and help', () => {
    expect(press('s')).toBe('spawn');
    expect(press('S')).toBe('spawn');
    expect(press('f')).toBe('follow');
    expect(press('0')).toBe('fit');
    expect(press('?')).toBe('help');
    expect(press('x')).toBeNull();
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
    expect(press('s', { tagName: 'INPUT', type: 'checkbox' })).toBe('spawn');
    expect(press('s', { tagName: 'BUTTON' })).toBe('spawn');
    expect(isTypingTarget(null)).toBe(false);
  });
});
